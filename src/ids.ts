import { randomBytes, randomUUID } from 'node:crypto';

/** Identifiers wharf hands out; one source so tests can see their shapes in one place. */
export const ids = {
  messageId: (): string => randomUUID(),
  requestId: (): string => randomUUID(),
  /** An opaque token, unique per receive of a message (part of the receipt handle). */
  receiveToken: (): string => randomBytes(12).toString('base64url'),
};
