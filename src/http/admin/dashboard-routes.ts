import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** The dashboard's files: ui/ at the package root (beside src/ and dist/), shipped in the package. */
export const UI_DIR = fileURLToPath(new URL('../../../ui/', import.meta.url));
export const DASHBOARD_PATH = '/_wharf/ui/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

// Everything the page loads comes from wharf itself; its API calls go to the same origin.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

interface Representation {
  body: Buffer;
  etag: string;
}

interface Asset {
  contentType: string;
  identity: Representation;
  /** Compressed once at start-up: the page's scripts and styles shrink to about a quarter. */
  gzip?: Representation;
}

/**
 * The web dashboard at /_wharf/ui/: a few static files read once at start-up and served from
 * memory with ETags (a reload revalidates with a 304). The page itself calls the /_wharf/
 * inspection API; these files carry no state and need no token.
 */
export function registerDashboard(app: FastifyInstance): void {
  // Read and compressed on the first dashboard request: start-up does not need them.
  let loaded: Map<string, Asset> | undefined;
  const assetsNow = (): Map<string, Asset> => (loaded ??= loadAssets(UI_DIR));

  app.get('/_wharf/ui', async (_request, reply) => reply.redirect(DASHBOARD_PATH));
  app.get<{ Params: { '*': string } }>(`${DASHBOARD_PATH}*`, async (request, reply) => {
    const asset = assetsNow().get(request.params['*'] || 'index.html');
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const gzip = asset.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? asset.gzip : undefined;
    const chosen = gzip ?? asset.identity;
    reply.headers({ ...SECURITY_HEADERS, etag: chosen.etag, 'cache-control': 'no-cache', vary: 'accept-encoding' });
    if (request.headers['if-none-match'] === chosen.etag) return reply.code(304).send();
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.type(asset.contentType).send(chosen.body);
  });
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const path of filesUnder(dir)) {
    const contentType = CONTENT_TYPES[extname(path)];
    if (!contentType) continue;
    const body = readFileSync(path);
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const compressed = gzipSync(body, { level: 9 });
    const asset: Asset = { contentType, identity: { body, etag: `"${tag}"` } };
    if (compressed.length < body.length * 0.9) asset.gzip = { body: compressed, etag: `"${tag}-gz"` };
    assets.set(relative(dir, path).split(sep).join('/'), asset);
  }
  return assets;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
