import { readFileSync } from 'node:fs';

/** wharf's version, from package.json (one level up from both src/ and dist/). */
export const WHARF_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
