import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** What the server process reports about itself. */
export interface ServerProcessStats {
  /** User + system CPU time of the whole process since it started. */
  cpuMicros: number;
  /** Long-polling SQS receives waiting, and the queues they wait on. */
  sqsWaiting: number;
  sqsQueuesWaitedOn: number;
  /** SubscribeToShard subscriptions waiting for a put. */
  kinesisWaiting: number;
  /** process.getActiveResourcesInfo() counted by kind (Timeout, TCPSocketWrap, …). */
  resources: Record<string, number>;
}

/** `gc`: collect garbage first (the process runs with --expose-gc), so a measurement that follows is not billed for earlier work. */
export type ServerProcessMessage = { type: 'stats'; id: number; gc?: boolean };
type ChildMessage = { type: 'listening'; url: string } | { type: 'stats'; id: number; stats: ServerProcessStats };

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stats(options?: { gc?: boolean }): Promise<ServerProcessStats>;
  /** SIGTERM, as a user stopping wharf; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const MAIN = join(import.meta.dirname, 'server-process-main.ts');

/** Starts wharf in a child process (TypeScript sources through tsx) on a free port, silent unless `env` says otherwise. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = fork(MAIN, ['--port', '0', '--log-level', 'silent'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const pending = new Map<number, (stats: ServerProcessStats) => void>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the wharf process exited with ${code} before listening`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') resolve(message.url);
      else pending.get(message.id)?.(message.stats);
    });
  });
  return {
    url,
    child,
    stats: (options = {}) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, (stats) => {
          pending.delete(id);
          resolve(stats);
        });
        child.send({ type: 'stats', id, ...options } satisfies ServerProcessMessage);
      }),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
