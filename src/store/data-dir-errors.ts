/**
 * Why wharf cannot use a data directory. Each kind has its own exit code, so a supervisor or a
 * script can tell "someone else has it" from "it is from the future" without parsing the text.
 */
export class DataDirError extends Error {
  constructor(
    readonly kind: 'in-use' | 'newer-schema' | 'unusable',
    message: string,
  ) {
    super(message);
    this.name = 'DataDirError';
  }

  /** 2 is taken by configuration errors, 1 by anything unexpected, 6 by a port in use. */
  get exitCode(): number {
    return { 'in-use': 3, 'newer-schema': 4, unusable: 5 }[this.kind];
  }
}

/** Causes by error code (Node's errno names and SQLite's result codes), in words and with what to do. */
const CAUSES: [RegExp, string][] = [
  [/^(ENOTDIR|EEXIST)$/, 'a file is in the way: it (or a parent) is a file, not a directory. Remove the file or choose another directory'],
  [
    /^(EACCES|EPERM|SQLITE_CANTOPEN|SQLITE_PERM)/,
    `permission denied: the user wharf runs as (uid ${process.getuid?.() ?? '?'}) must be able to read, write and enter it. Fix its owner or mode, or choose another directory`,
  ],
  [/^(EROFS|SQLITE_READONLY)/, 'it is read-only (a read-only mount or file). Mount it read-write or choose another directory'],
  [/^(ENOSPC|EDQUOT|SQLITE_FULL)/, 'the disk is full. Free some space or choose another directory'],
];

/** A data directory wharf cannot use, with the variable, the path and the cause. */
export function unusableDataDir(dataDir: string, err: unknown): DataDirError {
  if (err instanceof DataDirError) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  const cause = CAUSES.find(([pattern]) => pattern.test(code))?.[1] ?? (err instanceof Error ? err.message : String(err));
  return new DataDirError('unusable', `cannot use the data directory ${dataDir} (--data-dir / WHARF_DATA_DIR): ${cause}${code ? ` [${code}]` : ''}`);
}
