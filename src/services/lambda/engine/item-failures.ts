/**
 * The identifiers a function reported as failed in a partial batch response
 * (`{"batchItemFailures": [{"itemIdentifier": "…"}]}`). As AWS documents, an empty or missing
 * response (or an empty list) means every item succeeded, and an identifier that is missing,
 * empty or not in the batch makes the whole batch a failure ('invalid').
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 */
export function failedItemsOf(response: unknown, batchIds: readonly string[]): string[] | 'invalid' {
  if (response === null || response === undefined || typeof response !== 'object') return [];
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return [];
  if (!Array.isArray(failures)) return 'invalid';
  const ids: string[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchIds.includes(id)) return 'invalid';
    ids.push(id);
  }
  return ids;
}
