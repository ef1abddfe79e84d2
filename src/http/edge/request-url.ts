/**
 * The path and query string of a request target, without `new URL` (which throws on targets
 * such as `//?x` or `//a b`, and would turn a client's mistake into a 500). Malformed percent
 * escapes stay as they are; an absolute-form target (`http://host/path`) keeps only its path.
 */
export function requestUrlParts(target: string): { path: string; query: URLSearchParams } {
  const start = target.startsWith('/') ? 0 : absoluteFormPathStart(target);
  const rest = target.slice(start);
  const q = rest.indexOf('?');
  return { path: (q === -1 ? rest : rest.slice(0, q)) || '/', query: new URLSearchParams(q === -1 ? '' : rest.slice(q + 1)) };
}

function absoluteFormPathStart(target: string): number {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(target);
  return scheme ? scheme[0].length : 0;
}
