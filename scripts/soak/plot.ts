import type { Sample } from './samples.js';

/** An SVG line chart of RSS and database size over the run (two y axes), written without dependencies. */
export function plotSvg(samples: Sample[], title: string): string {
  const W = 800;
  const H = 360;
  const pad = { left: 64, right: 64, top: 40, bottom: 48 };
  const endMin = Math.max(1 / 60, ...samples.map((s) => s.atS / 60));
  const rssMax = niceCeil(Math.max(1, ...samples.map((s) => s.rssMiB)));
  const dbMax = niceCeil(Math.max(1, ...samples.map((s) => s.dbMiB)));
  const x = (min: number) => pad.left + (min / endMin) * (W - pad.left - pad.right);
  const y = (v: number, max: number) => H - pad.bottom - (v / max) * (H - pad.top - pad.bottom);
  const line = (values: number[], max: number) => samples.map((s, i) => `${x(s.atS / 60).toFixed(1)},${y(values[i]!, max).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    ...ticks.map((t) => `<line x1="${pad.left}" x2="${W - pad.right}" y1="${y(t, 1)}" y2="${y(t, 1)}" stroke="#ddd"/>`),
    ...ticks.map((t) => `<text x="${pad.left - 6}" y="${y(t, 1) + 4}" text-anchor="end" fill="#1f77b4">${fmt(t * rssMax)}</text>`),
    ...ticks.map((t) => `<text x="${W - pad.right + 6}" y="${y(t, 1) + 4}" fill="#d62728">${fmt(t * dbMax)}</text>`),
    ...ticks.map((t) => `<text x="${x(t * endMin)}" y="${H - pad.bottom + 18}" text-anchor="middle">${fmt(t * endMin)}</text>`),
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">minutes</text>`,
    `<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle" fill="#1f77b4">RSS (MiB)</text>`,
    `<text transform="translate(${W - 12} ${H / 2}) rotate(90)" text-anchor="middle" fill="#d62728">database + WAL (MiB)</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line(
      samples.map((s) => s.rssMiB),
      rssMax,
    )}"/>`,
    `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${line(
      samples.map((s) => s.dbMiB),
      dbMax,
    )}"/>`,
    `</svg>`,
  ];
  return `${parts.join('\n')}\n`;
}

function niceCeil(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil((v * 1.1) / step) * step;
}

function fmt(v: number): string {
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
