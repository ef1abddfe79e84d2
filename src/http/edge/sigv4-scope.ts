/**
 * Reads the SigV4 credential scope (`Credential=AKID/20260101/us-east-1/sqs/aws4_request`) from
 * the Authorization header or a presigned URL's X-Amz-Credential, for routing and the account.
 * Signatures are checked apart from this, when asked (sigv4-verifier.ts, --verify-signatures).
 */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

// The region goes into ARNs, so only a region-shaped one is read; any other scope is ignored, as if unsigned.
const AUTH_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z]{2}(?:-[a-z]+)+-\d{1,2})\/([^/,\s]+)\/aws4_request/;

export function credentialScopeOf(authorization: string | undefined, presignedCredential: string | undefined): CredentialScope | undefined {
  const source = authorization ?? (presignedCredential ? `Credential=${presignedCredential}` : undefined);
  const match = source ? AUTH_SCOPE.exec(source) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}
