import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInitFile } from '../../src/init/load.js';

// The README and docs/ are tested like code: their TypeScript type-checks against the package,
// their YAML and JSON parse (init files and compose files also validate), their links resolve,
// and no page holds a note addressed to an editor.
const ROOT = join(import.meta.dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  page: string;
  line: number;
  lang: string;
  text: string;
}

function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const blocks: Block[] = [];
  let open: { lang: string; line: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) return void open?.body.push(line);
    if (open) {
      blocks.push({ page, line: open.line, lang: open.lang, text: open.body.join('\n') });
      open = undefined;
    } else {
      open = { lang: fence[1]!, line: i + 1, body: [] };
    }
  });
  return blocks;
}

const BLOCKS = PAGES.flatMap(blocksOf);

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(page: string): Set<string> {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!.replace(/`/g, ''))));
}

describe('the documentation', () => {
  it('has a front page of at most about 300 lines that keeps the set-up commands and a Contributing section', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readme).toMatch(/^## Contributing$/m);
    // The two commands are true: `start` runs the command, `test` the suite (building first).
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe('node bin/wharf.js');
    expect(scripts.pretest).toBe('npm run build');
  });

  it('holds no note addressed to an editor', () => {
    const editorial =
      /Row for the|Sentence for the|paragraph, after the table|subsection under|subsection \(after|on the same branch|^- \*\*Old |TODO|FIXME|XXX/m;
    for (const page of PAGES) expect(readFileSync(join(ROOT, page), 'utf8'), page).not.toMatch(editorial);
  });

  it('links only to files and headings that exist', () => {
    // Pages linked before they land (the fidelity ledger is written alongside this README); a
    // page leaves this list when it exists, and the test then checks links to it as any other.
    const PENDING = new Set(['docs/fidelity.md'].filter((p) => !existsSync(join(ROOT, p))));
    const broken: string[] = [];
    for (const page of PAGES) {
      const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const path = file === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), file);
        if (PENDING.has(path.slice(ROOT.length + 1))) continue;
        if (!existsSync(path)) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (anchor && path.endsWith('.md') && !anchorsOf(path.slice(ROOT.length + 1)).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has YAML and JSON examples that parse; init files and compose files validate', () => {
    const checked: string[] = [];
    for (const block of BLOCKS.filter((b) => ['yaml', 'yml', 'json'].includes(b.lang))) {
      const where = `${block.page}:${block.line}`;
      // JSON examples may elide with … (e.g. an id); a full one parses as it is.
      const text = block.lang === 'json' ? block.text.replace(/…/g, '') : block.text;
      const value = block.lang === 'json' ? JSON.parse(text) : parseYaml(text);
      expect(value, where).toBeTypeOf('object');
      const doc = value as Record<string, unknown>;
      if ('services' in doc) {
        const services = doc.services as Record<string, { image?: string; build?: string; environment?: Record<string, string> }>;
        expect(services.wharf?.image ?? services.wharf?.build, `${where}: a wharf service with an image or a build`).toBeDefined();
        if (services.wharf?.environment?.WHARF_HOSTNAME) expect(services.wharf.environment.WHARF_HOSTNAME).toMatch(/^https?:\/\/[^/]+$/);
      }
      if ('queues' in doc || 'topics' in doc || 'streams' in doc) parseInitFile(where, block.text, { accountId: '000000000000', region: 'us-east-1' });
      checked.push(where);
    }
    expect(checked.length).toBeGreaterThanOrEqual(4);
  });

  it('has TypeScript that type-checks against the package (wharf-emulator and wharf-emulator/testing)', { timeout: 180_000 }, () => {
    const dir = join(ROOT, 'test/docs/.snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const snippets = BLOCKS.filter((b) => b.lang === 'ts');
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    const files = snippets.map((b) => {
      const file = join(dir, `${b.page.replace(/[/.]/g, '_')}_${b.line}.ts`);
      // Each snippet is a module of its own; the comment says where a type error comes from.
      writeFileSync(file, `// ${b.page}, line ${b.line}\n${b.text}\nexport {};\n`);
      return file;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files,
      }),
    );
    try {
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
