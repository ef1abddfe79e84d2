import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { ALGORITHM_IDENTIFIER, getCanonicalHeaders, getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import type { AccessKey } from '../../access-keys.js';
import type { Clock } from '../../clock.js';
import type { ServiceName } from '../../protocol/service.js';
import { basicDateOfMs, queryParameters, readClaim, type SigV4Claim, type SignableRequest } from './sigv4-claim.js';
import { authErrors } from './sigv4-errors.js';

type SmithyRequest = Parameters<typeof getCanonicalHeaders>[0];

const SHA256 = Hash.bind(null, 'sha256');

/** How far a signature's date may be from now, either way, as AWS allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Operations AWS answers without a signature: the links SNS puts in the confirmation and
 * notification messages it sends (SubscribeURL, UnsubscribeURL), which a subscriber or a person
 * with a browser opens as plain GETs; the token in the link is the credential.
 * https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html
 */
const UNSIGNED_OPERATIONS: Partial<Record<ServiceName, ReadonlySet<string>>> = {
  sns: new Set(['ConfirmSubscription', 'Unsubscribe']),
};

/**
 * The canonical request and string to sign exactly as the AWS SDK for JavaScript computes them
 * (the same code signs the requests): path escaped twice, query sorted and escaped, header values
 * trimmed. Only its two protected builders are used; keys come from the configured credentials.
 */
class Canonicalizer extends SignatureV4 {
  constructor() {
    super({ service: 'unused', region: 'unused', credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' }, sha256: SHA256 });
  }

  canonicalRequest(request: SmithyRequest, signedHeaders: readonly string[], payloadHash: string): string {
    return this.createCanonicalRequest(request, getCanonicalHeaders(request, undefined, new Set(signedHeaders)), payloadHash);
  }

  stringToSign(requestDate: string, credentialScope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(requestDate, credentialScope, canonicalRequest, ALGORITHM_IDENTIFIER);
  }
}

/**
 * Verifies AWS Signature Version 4 on every AWS request (opt-in: --verify-signatures) against
 * the configured access keys, over the exact bytes received. The time check reads the real wall
 * clock, not the emulator's: SDKs sign with their own real time even when a test has moved
 * wharf's virtual clock.
 */
export class SignatureVerifier {
  private readonly keys: ReadonlyMap<string, AccessKey>;
  private readonly canonicalizer = new Canonicalizer();

  constructor(
    keys: readonly AccessKey[],
    private readonly wallClock: Clock,
  ) {
    this.keys = new Map(keys.map((key) => [key.accessKeyId, key]));
  }

  /** Resolves when the request may proceed; otherwise rejects with the AwsError to answer. */
  async verify(req: SignableRequest, service: ServiceName, operation: string): Promise<void> {
    const claim = readClaim(req);
    if (!claim) {
      if (UNSIGNED_OPERATIONS[service]?.has(operation)) return;
      throw authErrors.missing(service);
    }
    const key = this.keys.get(claim.accessKeyId);
    if (!key || !sameSecret(key.sessionToken, claim.sessionToken)) throw authErrors.unknownKey();
    if (claim.service !== service) throw authErrors.refused(`Credential should be scoped to correct service: '${service}'. `);
    this.checkFreshness(claim);
    const canonicalRequest = this.canonicalizer.canonicalRequest(smithyRequestOf(req, claim), claim.signedHeaders, sha256Hex(req.body));
    const stringToSign = await this.canonicalizer.stringToSign(claim.requestDate, claim.credentialScope, canonicalRequest);
    const signingKey = await getSigningKey(SHA256, key, claim.scopeDate, claim.region, claim.service);
    const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
    if (!sameSecret(expected, claim.signature)) throw authErrors.mismatch(canonicalRequest, stringToSign);
  }

  /** AWS's wording, e.g. "Signature expired: 20160106T204043Z is now earlier than 20160106T211334Z (20160106T212834Z - 15 min.)". */
  private checkFreshness(claim: SigV4Claim): void {
    const nowMs = this.wallClock.now();
    const now = basicDateOfMs(nowMs);
    if (claim.requestDateMs < nowMs - MAX_SKEW_MS) {
      throw authErrors.refused(`Signature expired: ${claim.requestDate} is now earlier than ${basicDateOfMs(nowMs - MAX_SKEW_MS)} (${now} - 15 min.)`);
    }
    if (claim.requestDateMs > nowMs + MAX_SKEW_MS) {
      throw authErrors.refused(`Signature not yet current: ${claim.requestDate} is still later than ${basicDateOfMs(nowMs + MAX_SKEW_MS)} (${now} + 15 min.)`);
    }
  }
}

/** The request in the shape the canonicalizer reads, holding only the headers the signer signed. */
function smithyRequestOf(req: SignableRequest, claim: SigV4Claim): SmithyRequest {
  const headers: Record<string, string> = {};
  // A signed header that did not arrive canonicalizes as empty, and so fails to match.
  for (const name of claim.signedHeaders) headers[name] = (req.headers.get(name) ?? []).map((v) => v.trim()).join(',');
  const query: Record<string, string | string[]> = {};
  for (const [name, values] of queryParameters(req.url)) query[name] = values.length === 1 ? values[0]! : values;
  const path = req.url.includes('?') ? req.url.slice(0, req.url.indexOf('?')) : req.url;
  return { method: req.method, protocol: 'http:', hostname: '', path, query, headers };
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Constant-time equality of two optional strings (signatures, session tokens). */
function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}
