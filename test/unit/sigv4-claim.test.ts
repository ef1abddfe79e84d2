import { describe, expect, it } from 'vitest';
import type { AwsError } from '../../src/errors.js';
import { headerMap, queryParameters, readClaim, type SignableRequest } from '../../src/http/edge/sigv4-claim.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123';

function request(headers: Record<string, string>, url = '/'): SignableRequest {
  return { method: 'POST', url, headers: headerMap(Object.entries(headers).flat()), body: Buffer.alloc(0) };
}

function refusal(req: SignableRequest): { code: string; message: string } {
  try {
    readClaim(req);
  } catch (err) {
    return { code: (err as AwsError).code, message: (err as AwsError).message };
  }
  throw new Error('expected the claim to be refused');
}

describe('reading a SigV4 claim', () => {
  it('reads the Authorization header: key, scope, signed headers, signature and date', () => {
    const claim = readClaim(request({ Host: 'localhost:4566', 'X-Amz-Date': '20260101T120000Z', Authorization: AUTH }));
    expect(claim).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      credentialScope: '20260101/us-east-1/sqs/aws4_request',
      scopeDate: '20260101',
      region: 'us-east-1',
      service: 'sqs',
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'abc123',
      requestDate: '20260101T120000Z',
      requestDateMs: Date.UTC(2026, 0, 1, 12),
      sessionToken: undefined,
      presigned: false,
    });
  });

  it('is undefined for a request that carries no signature at all', () => {
    expect(readClaim(request({ Host: 'localhost' }, '/?Action=ListQueues'))).toBeUndefined();
  });

  it('takes the time from a Date header when there is no X-Amz-Date', () => {
    const claim = readClaim(request({ Date: 'Thu, 01 Jan 2026 12:00:00 GMT', Authorization: AUTH }));
    expect(claim?.requestDate).toBe('20260101T120000Z');
  });

  it('lists every missing Authorization parameter, as kinesalite recorded from AWS', () => {
    expect(refusal(request({ Authorization: 'Bearer abc' }))).toEqual({
      code: 'IncompleteSignature',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        'Authorization=Bearer abc',
    });
  });

  it('lists the missing presigned-URL parameters, as kinesalite recorded from AWS', () => {
    expect(refusal(request({}, '/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T120000Z'))).toEqual({
      code: 'IncompleteSignature',
      message:
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. " +
        "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    });
  });

  it('refuses both an Authorization header and a presigned query string, as kinesalite recorded from AWS', () => {
    expect(refusal(request({ 'X-Amz-Date': '20260101T120000Z', Authorization: AUTH }, '/?X-Amz-Algorithm=AWS4-HMAC-SHA256'))).toEqual({
      code: 'SignatureDoesNotMatch',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });

  it("requires 'Host' or ':authority' among the signed headers (AWS's wording; code unverified against AWS)", () => {
    const auth = AUTH.replace('SignedHeaders=host;x-amz-date', 'SignedHeaders=x-amz-date');
    expect(refusal(request({ 'X-Amz-Date': '20260101T120000Z', Authorization: auth }))).toEqual({
      code: 'IncompleteSignature',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
    const h2 = AUTH.replace('SignedHeaders=host;x-amz-date', 'SignedHeaders=:authority;x-amz-date');
    expect(readClaim(request({ 'X-Amz-Date': '20260101T120000Z', Authorization: h2 }))?.signedHeaders).toEqual([':authority', 'x-amz-date']);
  });

  it('refuses a malformed credential, date or scope (wording unverified against AWS)', () => {
    const at = (auth: string, date = '20260101T120000Z') => refusal(request({ 'X-Amz-Date': date, Authorization: auth }));
    expect(at(AUTH.replace('AKIDEXAMPLE/20260101/', 'AKIDEXAMPLE/'))).toEqual({
      code: 'IncompleteSignature',
      message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/us-east-1/sqs/aws4_request'",
    });
    expect(at(AUTH.replace('aws4_request', 'aws5_request')).message).toBe(
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
    );
    expect(at(AUTH, '2026-01-01T12:00:00Z')).toEqual({
      code: 'IncompleteSignature',
      message: "Date must be in ISO-8601 'basic format'. Got '2026-01-01T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
    expect(at(AUTH, '20260231T120000Z').code).toBe('IncompleteSignature');
    expect(at(AUTH, '20260102T120000Z').message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260101' != '20260102', from '20260102T120000Z'.",
    );
  });
});

describe('query parameters as SigV4 reads them', () => {
  it('percent-decodes names and values, keeps a literal plus, and keeps repeated names in order', () => {
    const params = queryParameters('/path?b=2&a=x%20y&a=1+1&flag&c=%ZZ');
    expect([...params]).toEqual([
      ['b', ['2']],
      ['a', ['x y', '1+1']],
      ['flag', ['']],
      ['c', ['%ZZ']],
    ]);
  });
});
