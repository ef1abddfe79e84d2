import { randomBytes, randomUUID } from 'node:crypto';

/** Identifiers wharf hands out; one source so tests can see their shapes in one place. */
export const ids = {
  /** An SQS or SNS message id. */
  messageId: (): string => randomUUID(),
  requestId: (): string => randomUUID(),
  /** An opaque token, unique per receive of a message (part of the receipt handle). */
  receiveToken: (): string => randomBytes(12).toString('base64url'),
  /** The last part of a subscription's ARN (`<topic arn>:<uuid>`) or a platform endpoint's. */
  resourceSuffix: (): string => randomUUID(),
  /** The token of an SNS subscription confirmation: 288 hex digits, as AWS's are. */
  confirmationToken: (): string => randomBytes(144).toString('hex'),
};
