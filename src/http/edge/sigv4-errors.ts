import { AwsError } from '../../errors.js';
import type { ServiceName } from '../../protocol/service.js';

/**
 * AWS's authentication failures, in AWS's words. The codes are the query protocol's (the common
 * errors every AWS API reference lists); each service's error table says how a code looks on its
 * wire — Kinesis sends SignatureDoesNotMatch as `InvalidSignatureException` and
 * InvalidClientTokenId as `UnrecognizedClientException`, both 400.
 */
export const authErrors = {
  /** No Authorization header and no X-Amz-Credential query parameter. */
  missing: (service: ServiceName) =>
    new AwsError('MissingAuthenticationToken', service === 'kinesis' ? 'Missing Authentication Token' : 'Request is missing Authentication Token'),
  /** A malformed Authorization header or presigned URL. */
  incomplete: (message: string) => new AwsError('IncompleteSignature', message),
  /** An access key (or session token) wharf was not given. */
  unknownKey: () => new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
  /** A wrong secret or a request changed after signing: AWS shows what it computed, to debug a signer. */
  mismatch: (canonicalRequest: string, stringToSign: string) =>
    new AwsError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
        `Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\n` +
        `The String-to-Sign should have been\n'${stringToSign}'\n`,
    ),
  /** A signature refused before computing it: wrong scope, or signed too long ago or too far ahead. */
  refused: (message: string) => new AwsError('SignatureDoesNotMatch', message),
};
