import { join } from 'node:path';
import { startupBanner, startupSummary, type StartupInfo } from './banner.js';
import { ConfigError, helpText, loadConfig } from './config.js';
import { InitFileError } from '../init/index.js';
import { createLogger, ignoreOutputErrors, logDestination, usesPrettyLogs } from './logging.js';
import { ListenError, startServer } from '../server.js';
import { DataDirError } from '../store/data-dir-errors.js';
import { WHARF_VERSION } from '../version.js';

/** How long SIGTERM/SIGINT waits for in-flight requests before wharf closes the database and exits anyway. */
const SHUTDOWN_DEADLINE_MS = 800;
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

/** `wharf [options]`: start the server and stop it cleanly on SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  ignoreOutputErrors();
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${WHARF_VERSION}\n`);
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(argv, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`wharf: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { logger });
  } catch (err) {
    if (err instanceof DataDirError || err instanceof ListenError) {
      process.stderr.write(`wharf: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    if (!(err instanceof InitFileError)) throw err;
    for (const problem of err.problems) process.stderr.write(`wharf: ${problem}\n`);
    process.exitCode = 2;
    return;
  }
  const info: StartupInfo = {
    version: WHARF_VERSION,
    url: server.url,
    services: server.emulator.services.map((s) => s.name),
    region: config.region,
    accountId: config.accountId,
    databaseFile: config.dataDir ? join(config.dataDir, 'wharf.db') : undefined,
    dashboardUrl: config.admin ? `${server.url}/_wharf/ui/` : undefined,
  };
  // A person at a terminal gets the banner; a log pipeline gets one structured line.
  if (usesPrettyLogs(config.logFormat)) {
    if (config.logLevel !== 'silent') logDestination(1).write(`${startupBanner(info)}\n`);
    logger.info(startupSummary(info));
  } else {
    logger.info(
      {
        url: info.url,
        services: info.services,
        region: info.region,
        accountId: info.accountId,
        dataDir: config.dataDir ?? null,
        durability: config.durability,
        dashboard: info.dashboardUrl,
        version: WHARF_VERSION,
      },
      startupSummary(info),
    );
  }
  let stopping = false;
  /**
   * First signal: stop accepting, answer waiting long polls, let in-flight requests finish, close
   * the database, exit; whatever holds it up (a stalled client, a long request), wharf closes the
   * database and exits within a second. A second signal exits at once.
   */
  const stop = (signal: keyof typeof SIGNAL_NUMBERS) => {
    if (stopping) process.exit(128 + SIGNAL_NUMBERS[signal]);
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests and closing`);
    setTimeout(() => {
      logger.warn(`in-flight requests did not finish within ${SHUTDOWN_DEADLINE_MS} ms: closing anyway`);
      try {
        server.emulator.close();
      } finally {
        process.exit(1);
      }
    }, SHUTDOWN_DEADLINE_MS).unref();
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
