/**
 * The attributes of `wanted` whose value differs from the resource's `current` one. An absent
 * attribute counts as its default (`defaults`, else empty, which is how AWS's Set…Attributes
 * calls remove one). JSON documents (policies, filter policies) compare by content, so a file
 * that writes one inline is not "different" from the text AWS stored.
 */
export function changedAttributes(
  current: Record<string, string>,
  wanted: Record<string, string>,
  defaults: Record<string, string> = {},
): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [name, value] of Object.entries(wanted)) {
    const now = current[name] ?? defaults[name] ?? '';
    if (!sameValue(now, value)) changed[name] = value;
  }
  return changed;
}

/** Tags of `wanted` that the resource lacks or has with another value (init adds and changes tags; it never removes one). */
export function changedTags(current: Record<string, string>, wanted: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => current[key] !== value));
}

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const docA = jsonDocument(a);
  const docB = jsonDocument(b);
  return docA !== undefined && docB !== undefined && canonical(docA) === canonical(docB);
}

function jsonDocument(text: string): object | undefined {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** JSON text with object keys sorted, so key order does not count as a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
