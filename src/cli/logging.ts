import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type * as PinoPretty from 'pino-pretty';

// pino-pretty loads only for readable logs (a terminal): start-up in a container does not need it.
const requireModule = createRequire(import.meta.url);

export type LogFormat = 'auto' | 'pretty' | 'json';

/**
 * wharf's logger: readable lines for a person at a terminal, one JSON object per line for
 * machines (docker logs, CI, log shippers). `auto` picks by whether stdout is a TTY.
 */
export function createLogger(level: string, format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): Logger {
  const destination = logDestination((stdout as { fd?: number }).fd ?? 1);
  if (!usesPrettyLogs(format, stdout)) return pino({ level }, destination);
  // Formatted in the call, not in a stream: the last line before process.exit is written too.
  const { prettyFactory } = requireModule('pino-pretty') as typeof PinoPretty;
  const prettify = prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  return pino({ level }, { write: (line: string) => destination.write(prettify(line)) });
}

export function usesPrettyLogs(format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
}

/**
 * Where log lines go: written straight to the file descriptor, so a line is out before
 * `process.exit` and there is nothing to flush at exit. Logging never stops wharf: once a write
 * fails (EPIPE when the reader went away, e.g. `wharf | head -5`; EBADF) the rest is dropped, and
 * a line the descriptor cannot take now (EAGAIN on a non-blocking pipe) is dropped, not retried.
 * (pino's default destination, sonic-boom, retries a failed write forever in its exit-time
 * flush: a wharf whose log reader had gone slept on for ever after SIGTERM.)
 */
export function logDestination(fd: number): { write(text: string): void } {
  let broken = false;
  return {
    write(text) {
      if (broken) return;
      try {
        writeSync(fd, text);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') broken = true;
      }
    },
  };
}

/**
 * Makes EPIPE and other write errors on process.stdout/stderr harmless: without a listener an
 * 'error' there is an uncaught exception, and a process whose reader went away must still be
 * able to shut down cleanly.
 */
export function ignoreOutputErrors(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}
