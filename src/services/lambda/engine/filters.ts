import { FilterPolicyError, matchesBody, parseFilterPolicy, type FilterPolicy } from '../../sns/engine/filter-policy.js';

/**
 * FilterCriteria: a record is kept when any filter's pattern matches it. Patterns use the same
 * grammar as SNS body filter policies (exact values, prefix, anything-but, numeric, exists, …),
 * matched against the record with its JSON body parsed, as Lambda does for SQS `body` and
 * Kinesis `data`. https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 */
export type RecordFilter = (record: Record<string, unknown>) => boolean;

export function compileFilters(criteria: { Filters?: { Pattern?: string }[] } | undefined): RecordFilter | undefined {
  const patterns = (criteria?.Filters ?? []).map((f) => parseFilterPolicy(f.Pattern ?? '', 'MessageBody'));
  if (patterns.length === 0) return undefined;
  return (record) => {
    const text = JSON.stringify(record);
    return patterns.some((p: FilterPolicy) => matchesBody(p, text));
  };
}

/** Whether a pattern is one Lambda accepts (the grammar check at CreateEventSourceMapping). */
export function isValidPattern(pattern: string): boolean {
  try {
    parseFilterPolicy(pattern, 'MessageBody');
    return true;
  } catch (err) {
    if (err instanceof FilterPolicyError || err instanceof SyntaxError) return false;
    throw err;
  }
}

/** A JSON text as its value (an object to filter on), or the text itself when it is not JSON. */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
