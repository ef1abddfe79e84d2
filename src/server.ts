import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.js';
import type { Clock } from './clock.js';
import { checkedOptions, type WharfConfig } from './cli/config.js';
import { Emulator } from './emulator.js';
import { serveH2cAlongside } from './http/h2c.js';
import { applyConfiguredInitFile, loadConfiguredInitFile } from './init/index.js';

export interface RunningServer {
  /** `http://host:port` as bound (the real port when 0 was asked for). */
  url: string;
  port: number;
  config: WharfConfig;
  emulator: Emulator;
  app: FastifyInstance;
  /** Stops accepting, ends waiting long polls (empty), finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
}

/** wharf could not take its port; the command exits with `exitCode`. */
export class ListenError extends Error {
  readonly exitCode = 6;
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

function listenProblem(err: unknown, config: WharfConfig): unknown {
  const code = (err as { code?: unknown }).code;
  const where = `port ${config.port} on ${config.host} (--port / WHARF_PORT, --host / WHARF_HOST)`;
  if (code === 'EADDRINUSE')
    return new ListenError(`${where} is already in use, perhaps by another wharf or LocalStack: stop it, or choose another port (0 picks a free one)`);
  if (code === 'EACCES') return new ListenError(`${where}: permission denied (ports below 1024 need privileges): choose a port above 1023`);
  if (code === 'EADDRNOTAVAIL') return new ListenError(`${where}: this machine has no such address: use 127.0.0.1, or 0.0.0.0 for every interface`);
  return err;
}

/** The only place wharf listens. */
export async function startServer(config: Partial<WharfConfig> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const resolved = checkedOptions(config, 'startServer');
  const logger = options.logger ?? pino({ level: resolved.logLevel });
  const initFile = await loadConfiguredInitFile(resolved);
  const emulator = new Emulator({
    ...(resolved.dataDir ? { dataDir: resolved.dataDir } : {}),
    durability: resolved.durability,
    ...(options.clock ? { clock: options.clock } : {}),
    logger: logger.child({ service: 'sns' }),
    snsEnforceQueuePolicy: resolved.snsEnforceQueuePolicy,
    region: resolved.region,
    ...(resolved.lambdaEndpoint ? { lambdaEndpoint: resolved.lambdaEndpoint } : {}),
    kinesis: {
      createDelayMs: resolved.kinesisCreateDelayMs,
      deleteDelayMs: resolved.kinesisDeleteDelayMs,
      updateDelayMs: resolved.kinesisUpdateDelayMs,
      enforceLimits: resolved.kinesisEnforceLimits,
      shardLimit: resolved.kinesisShardLimit,
    },
  });
  if (initFile) {
    try {
      await applyConfiguredInitFile(initFile, emulator, resolved, logger);
    } catch (err) {
      emulator.close();
      throw err;
    }
  }
  const app = buildApp(emulator, resolved, logger);
  const h2c = serveH2cAlongside(app.server, (req, res) => app.routing(req as never, res as never), resolved);
  try {
    await app.listen({ port: resolved.port, host: resolved.host });
  } catch (err) {
    emulator.close();
    throw listenProblem(err, resolved);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const host = resolved.host === '0.0.0.0' || resolved.host === '::' ? 'localhost' : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    config: resolved,
    emulator,
    app,
    close: () =>
      (closing ??= (async () => {
        // Long polls first: they answer empty, so closing does not wait 20 s for them; then
        // in-flight requests finish against a still-open database, which closes last.
        emulator.stopWaiting();
        h2c.closeSessions();
        await app.close();
        emulator.close();
      })()),
  };
}
