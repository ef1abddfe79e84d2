// The /_wharf/ API as the page calls it. With WHARF_ADMIN_TOKEN set, open the dashboard as
// /_wharf/ui/#token=<token>: the token is kept for this tab (sessionStorage), taken out of the
// address bar, and sent as `Authorization: Bearer <token>` on every call.

const TOKEN_KEY = 'wharf.adminToken';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads `token=` from the fragment (e.g. `#token=abc` or `#/queues&token=abc`), keeps the route. */
export function takeTokenFromFragment() {
  const parts = location.hash.replace(/^#/, '').split('&');
  const tokenPart = parts.find((p) => p.startsWith('token='));
  if (tokenPart === undefined) return;
  setToken(decodeURIComponent(tokenPart.slice('token='.length)));
  const rest = parts.filter((p) => p !== tokenPart && p !== '').join('&');
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

/** GET or POST JSON; throws ApiError with the server's `{ error, message }`. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NetworkError', 'wharf is not reachable.');
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: text };
  }
  if (!response.ok) throw new ApiError(response.status, json.error ?? `HTTP ${response.status}`, json.message ?? json.error ?? response.statusText);
  return json;
}

/** Path segments for a queue or stream: /account/region/name, each encoded. */
export function resourcePath(item) {
  return [item.accountId, item.region, item.name].map(encodeURIComponent).join('/');
}
