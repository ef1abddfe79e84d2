/**
 * A wharf server in its own process, for tests that measure it from outside (its CPU time, its
 * timers and sockets) or stop it for real. Configured like the `wharf` command (flags and WHARF_*
 * variables); tells its parent where it listens over IPC and answers `stats` requests; SIGTERM
 * closes it as the command does.
 */
import { loadConfig } from '../../src/cli/config.js';
import { startServer } from '../../src/server.js';
import type { ServerProcessMessage, ServerProcessStats } from './server-process.js';

const server = await startServer(loadConfig(process.argv.slice(2), process.env));

function stats(): ServerProcessStats {
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  const cpu = process.cpuUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    sqsWaiting: server.emulator.sqs.signals.waiting,
    sqsQueuesWaitedOn: server.emulator.sqs.signals.queuesWaitedOn,
    kinesisWaiting: server.emulator.kinesis.records.signals.waiting,
    resources,
  };
}

process.on('message', (message: ServerProcessMessage) => {
  if (message.type !== 'stats') return;
  if (message.gc) globalThis.gc?.();
  process.send!({ type: 'stats', id: message.id, stats: stats() });
});
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
process.send!({ type: 'listening', url: server.url });
