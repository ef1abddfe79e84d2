/**
 * Why wharf cannot use a data directory. Each kind has its own exit code, so a supervisor or a
 * script can tell "someone else has it" from "it is from the future" without parsing the text.
 */
export class DataDirError extends Error {
  constructor(
    readonly kind: 'in-use' | 'newer-schema',
    message: string,
  ) {
    super(message);
    this.name = 'DataDirError';
  }

  /** 2 is taken by configuration errors, 1 by anything unexpected. */
  get exitCode(): number {
    return this.kind === 'in-use' ? 3 : 4;
  }
}
