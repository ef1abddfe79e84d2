import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';

// pino-pretty loads only for readable logs (a terminal): start-up in a container does not need it.
const requireModule = createRequire(import.meta.url);

export type LogFormat = 'auto' | 'pretty' | 'json';

/**
 * wharf's logger: readable lines for a person at a terminal, one JSON object per line for
 * machines (docker logs, CI, log shippers). `auto` picks by whether stdout is a TTY.
 */
export function createLogger(level: string, format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): Logger {
  if (!usesPrettyLogs(format, stdout)) return pino({ level });
  // sync: the last lines before process.exit (e.g. "wharf stopped") are not lost.
  const pretty = requireModule('pino-pretty') as typeof pinoPretty;
  return pino({ level }, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: 1 }));
}

export function usesPrettyLogs(format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
}
