// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self
// time, and the source files with the most self time, as percentages of the samples.
//
//   node --import tsx bench/profile-top.ts <file.cpuprofile> [entries=25] [skip-ms=0]
//
// Idle samples and the first skip-ms (start-up) are left out, so the percentages are shares
// of the busy time under load.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg, skipArg] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile-top.ts <file.cpuprofile> [entries]');
const entries = Number(countArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const skipUs = Number(skipArg ?? 0) * 1000;
const hits = new Map<number, number>();
let elapsedUs = 0;
let total = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  const name = byId.get(id)?.callFrame.functionName;
  if (elapsedUs < skipUs || name === '(idle)') return;
  hits.set(id, (hits.get(id) ?? 0) + 1);
  total++;
});

const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/(node_modules|dist|src)\//, '$1/').replace(/^node:/, 'node:');
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, count] of hits) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
  const fn = `${frame.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
  const f = frame.url ? shortUrl(frame.url).replace(/^(node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, '$1') : frame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + count);
}
// Inclusive ("total") time of wharf's own functions: what a request spends below each of them.
const inclusive = new Map<string, number>();
for (const [id, count] of hits) {
  const seen = new Set<string>();
  for (let node = byId.get(id); node; node = byId.get(parent.get(node.id) ?? -1)) {
    const frame = node.callFrame;
    if (!/\/(dist|src)\//.test(frame.url)) continue;
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    if (seen.has(fn)) continue;
    seen.add(fn);
    inclusive.set(fn, (inclusive.get(fn) ?? 0) + count);
  }
}
const top = (m: Map<string, number>): string[] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, entries)
    .map(([name, count]) => `${((100 * count) / total).toFixed(1).padStart(5)} %  ${name}`);
console.log(
  `${total} busy samples (idle and the first ${skipUs / 1000} ms left out)\n\n` +
    `Self time by function:\n${top(byFunction).join('\n')}\n\n` +
    `Self time by file or package:\n${top(byFile).join('\n')}\n\n` +
    `Total time (self + callees) of wharf's functions:\n${top(inclusive).join('\n')}`,
);
