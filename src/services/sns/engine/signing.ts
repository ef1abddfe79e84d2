import { createSign, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * The key SNS signs notifications with, and a self-signed X.509 certificate for it that wharf
 * serves at SigningCertURL, so a subscriber's standard check (fetch the certificate, verify the
 * signature over the canonical string) passes.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export interface SigningKey {
  privateKey: KeyObject;
  certificatePem: string;
}

let processKey: SigningKey | undefined;

/** One key per process: generating RSA keys is slow enough to notice in a test suite. */
export function signingKey(nowMs: number): SigningKey {
  processKey ??= generateSigningKey(nowMs);
  return processKey;
}

/** A new RSA key and its certificate (a few hundred ms of CPU). */
export function generateSigningKey(nowMs: number): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, certificatePem: selfSignedCertificate(privateKey, publicKey, nowMs) };
}

/** SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA; the signature is base64. */
export function signMessage(key: SigningKey, canonical: string, signatureVersion: string): string {
  const signer = createSign(signatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  signer.update(canonical, 'utf8');
  return signer.sign(key.privateKey, 'base64');
}

/** The string SNS signs: chosen fields as "Name\nValue\n", in this order, absent ones skipped. */
export function canonicalString(message: Record<string, string | undefined>): string {
  const fields =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return fields
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name]}\n`)
    .join('');
}

// ── A minimal DER writer: just what a v1 self-signed certificate needs ─────────────────────

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.of(tag, length);
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    header = Buffer.of(tag, 0x80 | bytes.length, ...bytes);
  }
  return Buffer.concat([header, content]);
}

const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const utcTime = (ms: number) => der(0x17, Buffer.from(`${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`, 'ascii'));
const bitString = (bytes: Buffer) => der(0x03, Buffer.concat([Buffer.of(0), bytes]));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function positiveInteger(bytes: Buffer): Buffer {
  return der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes);
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.of(0x05, 0x00));
const COMMON_NAME = '2.5.4.3';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, nowMs: number): string {
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8('sns.amazonaws.com (wharf)'))));
  const tbs = sequence(
    positiveInteger(randomBytes(8)),
    SHA256_WITH_RSA,
    name,
    sequence(utcTime(nowMs - 24 * 3600 * 1000), utcTime(nowMs + TEN_YEARS_MS)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const certificate = sequence(tbs, SHA256_WITH_RSA, bitString(sign('sha256', tbs, privateKey)));
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}
