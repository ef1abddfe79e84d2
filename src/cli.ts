import pino from 'pino';
import { ConfigError, helpText, loadConfig } from './config.js';
import { startServer } from './server.js';
import { DataDirError } from './store/data-dir-errors.js';
import { WHARF_VERSION } from './version.js';

/** `wharf [options]`: start the server and stop it cleanly on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${WHARF_VERSION}\n`);
    return;
  }
  let config;
  try {
    config = loadConfig(argv, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`wharf: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  const logger = pino({ level: config.logLevel });
  let server;
  try {
    server = await startServer(config, { logger });
  } catch (err) {
    if (!(err instanceof DataDirError)) throw err;
    process.stderr.write(`wharf: ${err.message}\n`);
    process.exitCode = err.exitCode;
    return;
  }
  const state = config.dataDir ? `state in ${config.dataDir}/wharf.db (durability ${config.durability})` : 'state in memory (set WHARF_DATA_DIR to keep it)';
  logger.info(
    { url: server.url, region: config.region, accountId: config.accountId, dataDir: config.dataDir ?? null, durability: config.durability, version: WHARF_VERSION },
    `wharf ${WHARF_VERSION} listening on ${server.url}; ${state}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests and closing`);
    server.close().then(
      () => {
        logger.info('wharf stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
