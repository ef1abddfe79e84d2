/** wharf as a library: start a server in-process, or drive the engines directly. */
export { ListenError, startServer, type RunningServer, type StartOptions } from './server.js';
export { Emulator, type EmulatorOptions } from './emulator.js';
export { ManualClock, SystemClock, VirtualClock, type Clock } from './clock.js';
export { ConfigError, configSchema, type WharfConfig } from './cli/config.js';
export { AwsError } from './errors.js';
export { InitFileError } from './init/index.js';
