import { authErrors } from './sigv4-errors.js';

/** A request as it came off the wire: what a SigV4 signature covers, nothing decoded yet. */
export interface SignableRequest {
  method: string;
  /** Path still percent-encoded as sent, then the raw query string. */
  url: string;
  /** Lower-cased header name → its values in arrival order (HTTP/2 pseudo-headers included). */
  headers: ReadonlyMap<string, readonly string[]>;
  body: Buffer;
}

/** What a signed request says about itself: who signed, over what, when. */
export interface SigV4Claim {
  accessKeyId: string;
  /** `YYYYMMDD/region/service/aws4_request`, as the signer wrote it. */
  credentialScope: string;
  scopeDate: string;
  region: string;
  service: string;
  /** Lower-cased, in the signer's order. */
  signedHeaders: string[];
  signature: string;
  /** `YYYYMMDDTHHMMSSZ` (a `Date` header is converted to it). */
  requestDate: string;
  requestDateMs: number;
  sessionToken: string | undefined;
  /** Presigned URLs sign their query string minus X-Amz-Signature; headers sign it whole. */
  presigned: boolean;
}

const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Collects raw header lines (`[name, value, name, value, …]`) by lower-cased name. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const values = headers.get(name);
    if (values) values.push(rawHeaders[i + 1]!);
    else headers.set(name, [rawHeaders[i + 1]!]);
  }
  return headers;
}

/** The query string's parameters, percent-decoded as SigV4 does (`+` stays a plus). */
export function queryParameters(url: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads the signature claim from the Authorization header or a presigned URL's query string;
 * undefined when the request carries neither. Malformed claims throw AWS's IncompleteSignature
 * (the wording kinesalite recorded from AWS).
 */
export function readClaim(req: SignableRequest): SigV4Claim | undefined {
  const authorization = req.headers.get('authorization')?.[0];
  const query = queryParameters(req.url);
  const presigned = query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential');
  if (authorization !== undefined && query.has('X-Amz-Algorithm')) {
    throw authErrors.refused("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (authorization !== undefined) return headerClaim(req, authorization);
  if (presigned) return queryClaim(query);
  return undefined;
}

function headerClaim(req: SignableRequest, authorization: string): SigV4Claim {
  const params = new Map<string, string>();
  for (const part of authorization.split(/[, ]/).slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const amzDate = req.headers.get('x-amz-date')?.[0];
  const httpDate = req.headers.get('date')?.[0];
  let problems = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !params.get(name))
    .map((name) => `Authorization header requires '${name}' parameter. `)
    .join('');
  if (amzDate === undefined && httpDate === undefined) problems += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (problems) throw authErrors.incomplete(`${problems}Authorization=${authorization}`);
  const sessionToken = req.headers.get('x-amz-security-token')?.[0];
  return claimOf(params.get('Credential')!, params.get('SignedHeaders')!, params.get('Signature')!, amzDate ?? basicDateOf(httpDate!), sessionToken, false);
}

function queryClaim(query: Map<string, string[]>): SigV4Claim {
  const one = (name: string) => query.get(name)?.[0];
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  const problems = required.filter((name) => !one(name)).map((name) => `AWS query-string parameters must include '${name}'. `);
  if (problems.length > 0) throw authErrors.incomplete(`${problems.join('')}Re-examine the query-string parameters.`);
  return claimOf(one('X-Amz-Credential')!, one('X-Amz-SignedHeaders')!, one('X-Amz-Signature')!, one('X-Amz-Date')!, one('X-Amz-Security-Token'), true);
}

function claimOf(
  credential: string,
  signedHeaderList: string,
  signature: string,
  requestDate: string,
  sessionToken: string | undefined,
  presigned: boolean,
): SigV4Claim {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) {
    throw authErrors.incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== 'aws4_request') throw authErrors.refused(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `);
  const requestDateMs = epochMsOf(requestDate);
  if (requestDateMs === undefined)
    throw authErrors.incomplete(`Date must be in ISO-8601 'basic format'. Got '${requestDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  if (scopeDate !== requestDate.slice(0, 8)) {
    throw authErrors.refused(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestDate.slice(0, 8)}', from '${requestDate}'.`,
    );
  }
  const signedHeaders = signedHeaderList.split(';').map((name) => name.toLowerCase());
  if (!signedHeaders.includes('host') && !signedHeaders.includes(':authority')) {
    throw authErrors.incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const credentialScope = parts.slice(1).join('/');
  return { accessKeyId, credentialScope, scopeDate, region, service, signedHeaders, signature, requestDate, requestDateMs, sessionToken, presigned };
}

function epochMsOf(basic: string): number | undefined {
  const m = BASIC_DATE.exec(basic);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20260231 over to March; a real basic-format date round-trips.
  return basicDateOfMs(ms) === basic ? ms : undefined;
}

/** An HTTP `Date` header (RFC 7231) as SigV4's basic format; an unparsable one stays as given, to be refused. */
function basicDateOf(httpDate: string): string {
  const ms = Date.parse(httpDate);
  return Number.isNaN(ms) ? httpDate : basicDateOfMs(ms);
}

export function basicDateOfMs(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
