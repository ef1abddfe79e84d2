import type { RunningServer } from '../../src/server.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answers
export interface WharfReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls wharf's own JSON API (/_wharf/...) as the dashboard does: a JSON body when given,
 * the reply parsed. `raw` sends a body as is (e.g. not JSON).
 */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function wharfApi<T = any>(
  server: RunningServer,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: { raw?: string; headers?: Record<string, string> } = {},
): Promise<WharfReply<T>> {
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}
