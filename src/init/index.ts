import type { WharfConfig } from '../config.js';
import type { Emulator } from '../emulator.js';
import { applyInitFile, type InitSummary } from './apply.js';
import type { InitLogger } from './invoker.js';
import { loadInitFile, type LoadedInitFile } from './load.js';

export { InitFileError } from './load.js';

/** Reads and checks WHARF_INIT before anything else starts; undefined when none is configured. */
export function loadConfiguredInitFile(config: WharfConfig): LoadedInitFile | undefined {
  return config.init ? loadInitFile(config.init, { accountId: config.accountId, region: config.region }) : undefined;
}

/** Applies the init file to the emulator, before wharf listens. */
export function applyConfiguredInitFile(loaded: LoadedInitFile, emulator: Emulator, config: WharfConfig, logger: InitLogger): Promise<InitSummary> {
  // Queue URLs need a base before any request has named a Host; only init's own calls use it.
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const baseUrl = config.hostname ?? `http://${host}:${config.port}`;
  return applyInitFile(loaded, { services: emulator.services, clock: emulator.clock, logger, baseUrl });
}
