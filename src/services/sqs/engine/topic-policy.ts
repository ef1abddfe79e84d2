/**
 * Whether an SQS queue's policy lets a topic send to it, as AWS requires for SNS fan-out:
 * an Allow statement for sqs:SendMessage whose principal is sns.amazonaws.com (or everyone),
 * with an aws:SourceArn condition, if any, that names the topic.
 * https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
 * Deny statements and other condition keys are not evaluated (wharf only warns by default).
 */
export function queuePolicyAllowsTopic(policyText: string | undefined, topicArn: string): boolean {
  if (!policyText) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.some((s) => statementAllows(s as Statement, topicArn));
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

function statementAllows(statement: Statement | undefined, topicArn: string): boolean {
  if (statement?.Effect !== 'Allow') return false;
  const actions = [statement.Action ?? []].flat().map((a) => a.toLowerCase());
  if (!actions.some((a) => a === '*' || a === 'sqs:*' || a === 'sqs:sendmessage')) return false;
  if (!principalAllowsSns(statement.Principal)) return false;
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() !== 'aws:sourcearn') continue;
      const patterns = [values].flat();
      const like = operator.toLowerCase().includes('like');
      if (!patterns.some((p) => (like ? globMatches(p, topicArn) : p === topicArn))) return false;
    }
  }
  return true;
}

function principalAllowsSns(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as { Service?: string | string[]; AWS?: string | string[] };
  return [p.Service ?? []].flat().includes('sns.amazonaws.com') || [p.AWS ?? []].flat().includes('*');
}

function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}
