import { createPrivateKey } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import { generateSigningKey, type SigningKey } from './engine/signing.js';

const FILE = 'sns-signing-key.pem';

/**
 * The key SNS signs with, kept in the data directory: notifications that wait in a queue across a
 * restart still verify against the certificate served at their SigningCertURL, and a restart does
 * not pay for a new RSA key. Made at first use, kept outside wharf.db so /_wharf/reset keeps it.
 */
export function signingKeyInDataDir(dataDir: string, clock: Clock): () => SigningKey {
  let key: SigningKey | undefined;
  return () => (key ??= load(join(dataDir, FILE)) ?? create(join(dataDir, FILE), clock.now()));
}

function load(path: string): SigningKey | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  // A file an OS crash left empty or cut short is replaced by a new key.
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(text)?.[0];
  if (!certificate) return undefined;
  try {
    return { privateKey: createPrivateKey(text), certificatePem: certificate };
  } catch {
    return undefined;
  }
}

function create(path: string, nowMs: number): SigningKey {
  const key = generateSigningKey(nowMs);
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  // Written whole, then renamed into place, so a reader never sees half a key.
  writeFileSync(`${path}.tmp`, pem + key.certificatePem, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return key;
}
