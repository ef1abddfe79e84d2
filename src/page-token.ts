/** What every NextToken carries: the position after which the next page starts (a list may add more, e.g. its filter). */
export interface PagePosition {
  after: string;
}

/** NextToken of every paged list of every service: base64url JSON, opaque to clients. */
export function encodePageToken<T extends PagePosition>(position: T): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a NextToken carries; `invalid()` (the service's own error) is thrown for a token wharf did not issue. */
export function decodePageToken<T extends PagePosition = PagePosition>(token: string, invalid: () => Error): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { after?: unknown }).after !== 'string') throw invalid();
  return parsed as T;
}
