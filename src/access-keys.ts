import { z } from 'zod';

/** A key wharf accepts signatures from; with a session token, requests must carry that token. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const FIELD = /^[^\s:,]+$/;

const accessKeySchema = z.object({
  accessKeyId: z.string().regex(FIELD),
  secretAccessKey: z.string().regex(FIELD),
  sessionToken: z.string().regex(FIELD).optional(),
});

/**
 * `ACCESS_KEY_ID:SECRET[:SESSION_TOKEN][,…]` (AWS secrets and tokens never contain `:` or `,`),
 * or the same as objects when wharf is started from code. Messages never quote a secret.
 */
export const accessKeysOption = z.union([z.string(), z.array(accessKeySchema).min(1)]).transform((value, ctx): AccessKey[] => {
  const keys = typeof value === 'string' ? parseAccessKeys(value) : value;
  if (!keys) {
    ctx.addIssue({ code: 'custom', message: 'must be ACCESS_KEY_ID:SECRET[:SESSION_TOKEN] entries separated by commas' });
    return z.NEVER;
  }
  const ids = keys.map((k) => k.accessKeyId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    ctx.addIssue({ code: 'custom', message: `access key ${repeated} is given twice` });
    return z.NEVER;
  }
  return keys;
});

function parseAccessKeys(text: string): AccessKey[] | undefined {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return undefined;
  const keys: AccessKey[] = [];
  for (const entry of entries) {
    const [accessKeyId, secretAccessKey, sessionToken, ...rest] = entry.split(':');
    if (!accessKeyId || !secretAccessKey || rest.length > 0 || sessionToken === '') return undefined;
    if (![accessKeyId, secretAccessKey, sessionToken ?? 'x'].every((part) => FIELD.test(part))) return undefined;
    keys.push(sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken });
  }
  return keys;
}
