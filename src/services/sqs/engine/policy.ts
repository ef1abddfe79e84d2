import { accountRootArn } from '../../../arn.js';
import { sqsErrors } from '../errors.js';

/**
 * The queue policy that AddPermission/RemovePermission maintain: one statement per label,
 * granting `SQS:<Action>` to the listed accounts' root principals, as AWS writes it.
 */
interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}
interface PolicyDocument {
  Version: string;
  Id: string;
  Statement: PolicyStatement[];
}

export function addPermissionStatement(policy: string | undefined, queueArn: string, label: string, accountIds: string[], actions: string[]): string {
  const doc = parse(policy, queueArn);
  if (doc.Statement.some((s) => s.Sid === label)) throw sqsErrors.invalidParameter('Label', label, 'Already exists.');
  const principals = accountIds.map(accountRootArn);
  const qualified = actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0]! : principals },
    Action: qualified.length === 1 ? qualified[0]! : qualified,
    Resource: queueArn,
  });
  return JSON.stringify(doc);
}

/** Returns the policy without the label's statement; undefined when no statement is left. */
export function removePermissionStatement(policy: string | undefined, queueArn: string, label: string): string | undefined {
  const doc = parse(policy, queueArn);
  const remaining = doc.Statement.filter((s) => s.Sid !== label);
  if (remaining.length === doc.Statement.length) throw sqsErrors.invalidParameter('Label', label, "can't find label.");
  return remaining.length === 0 ? undefined : JSON.stringify({ ...doc, Statement: remaining });
}

function parse(policy: string | undefined, queueArn: string): PolicyDocument {
  const empty: PolicyDocument = { Version: '2008-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
  if (!policy) return empty;
  const doc = JSON.parse(policy) as Partial<PolicyDocument>;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  return { ...empty, ...doc, Statement: statements as PolicyStatement[] };
}
