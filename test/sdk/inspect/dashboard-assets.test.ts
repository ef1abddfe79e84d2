import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_DIR } from '../../../src/http/admin/dashboard-routes.js';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';

/** /_wharf/ui/: the dashboard's static files, from memory, with ETags, gzip and a strict CSP. */
describe('dashboard files', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  const fetchUi = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

  it('redirects /_wharf/ui to /_wharf/ui/ and serves index.html there with a CSP that allows only wharf itself', async () => {
    const redirect = await fetchUi('/_wharf/ui');
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/_wharf/ui/']);
    const page = await fetchUi('/_wharf/ui/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(readFileSync(`${UI_DIR}index.html`, 'utf8'));
  });

  it('serves every file the page loads, and nothing from another origin', async () => {
    const html = readFileSync(`${UI_DIR}index.html`, 'utf8');
    const refs = [...html.matchAll(/(?:href|src)="([^"#]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => /^(https?:)?\/\//.test(r))).toEqual([]);
    for (const ref of refs) {
      const response = await fetchUi(`/_wharf/ui/${ref}`);
      expect({ ref, status: response.status }).toEqual({ ref, status: 200 });
    }
    const js = await fetchUi('/_wharf/ui/js/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const [, spec] of (await js.text()).matchAll(/from '([^']+)'/g))
      expect((await fetchUi(`/_wharf/ui/js/${spec!.replace(/^\.\//, '')}`)).status).toBe(200);
  });

  it('answers a matching If-None-Match with 304, and gzip when asked for it', async () => {
    const first = await fetchUi('/_wharf/ui/style.css', { 'accept-encoding': 'identity' });
    const etag = first.headers.get('etag')!;
    expect((await fetchUi('/_wharf/ui/style.css', { 'accept-encoding': 'identity', 'if-none-match': etag })).status).toBe(304);
    // node:http, not fetch: fetch would unzip the body before the test sees it.
    const zipped = await rawGet(`${server.url}/_wharf/ui/style.css`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).not.toBe(etag);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(readFileSync(`${UI_DIR}style.css`, 'utf8'));
  });

  it('answers 404 for files it does not have, including paths that climb out of ui/', async () => {
    for (const path of ['/_wharf/ui/nope.js', '/_wharf/ui/../package.json', '/_wharf/ui/%2e%2e/package.json', '/_wharf/ui/js/../../package.json']) {
      expect({ path, status: (await fetchUi(path)).status }).toEqual({ path, status: 404 });
    }
  });
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
