import type { WharfConfig } from '../cli/config.js';
import { Emulator } from '../emulator.js';
import { applyInitFile, type InitSummary } from './apply.js';
import type { InitLogger } from './invoker.js';
import { InitFileError, loadInitFile, sortedProblems, type LoadedInitFile } from './load.js';

export { InitFileError } from './load.js';

const SILENT: InitLogger = { info: () => {}, debug: () => {} };

/**
 * Reads and checks WHARF_INIT before anything else starts; undefined when none is configured.
 * A file refused for its shape or references is also tried, its well-formed part, on a scratch
 * in-memory emulator, so what the API would refuse is reported in the same run.
 */
export async function loadConfiguredInitFile(config: WharfConfig): Promise<LoadedInitFile | undefined> {
  if (!config.init) return undefined;
  try {
    return loadInitFile(config.init, { accountId: config.accountId, region: config.region });
  } catch (err) {
    if (!(err instanceof InitFileError)) throw err;
    const apiProblems = err.wellFormedPart ? await dryRunProblems(err.wellFormedPart, config) : [];
    throw new InitFileError(sortedProblems([...err.problems, ...apiProblems]));
  }
}

async function dryRunProblems(part: LoadedInitFile, config: WharfConfig): Promise<string[]> {
  const scratch = new Emulator({ region: config.region });
  try {
    await applyInitFile(part, { services: scratch.services, clock: scratch.clock, logger: SILENT, baseUrl: 'http://localhost:4566' });
    return [];
  } catch (err) {
    if (err instanceof InitFileError) return err.problems;
    throw err;
  } finally {
    scratch.close();
  }
}

/** Applies the init file to the emulator, before wharf listens. */
export async function applyConfiguredInitFile(loaded: LoadedInitFile, emulator: Emulator, config: WharfConfig, logger: InitLogger): Promise<InitSummary> {
  // Queue URLs need a base before any request has named a Host; only init's own calls use it.
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const baseUrl = config.hostname ?? `http://${host}:${config.port}`;
  try {
    return await applyInitFile(loaded, { services: emulator.services, clock: emulator.clock, logger, baseUrl });
  } catch (err) {
    throw err instanceof InitFileError ? new InitFileError(sortedProblems(err.problems)) : err;
  }
}
