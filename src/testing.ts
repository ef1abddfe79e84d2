/**
 * `wharf-emulator/testing`: wharf as a test fixture. `startWharf()` runs one in-process on a free port;
 * `connectWharf()` drives one started elsewhere (a globalSetup, a container) over HTTP. Both give
 * the same handle: client configuration, reset, and the virtual clock. No test framework needed.
 */
import type { VirtualClock } from './clock.js';
import { checkedOptions, type WharfConfig } from './cli/config.js';
import { clockTargetProblem, type ClockState } from './http/admin/clock-routes.js';
import { startServer, type RunningServer } from './server.js';
import type { FunctionDefinition, LambdaHandler } from './services/lambda/engine/functions.js';
import type { InvocationRecord } from './services/lambda/engine/invocation-log.js';

export type { FunctionDefinition, LambdaContext, LambdaHandler } from './services/lambda/engine/functions.js';
export type { InvocationRecord } from './services/lambda/engine/invocation-log.js';

export interface WharfCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What an AWS SDK v3 client needs: `new SQSClient(wharf.clientConfig)`. */
export interface WharfClientConfig {
  endpoint: string;
  region: string;
  credentials: WharfCredentials;
}

/** A span of time; the parts add up: `{ minutes: 5, seconds: 1 }`. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/**
 * wharf's clock. It follows real time until moved, then keeps flowing from where it was put.
 * Each method answers wharf's time after the call.
 */
export interface WharfClock {
  now(): Promise<Date>;
  /** Moves forward (never back): visibility timeouts, delays, long polls, retries... fall due. */
  advance(by: Duration): Promise<Date>;
  /** Puts the clock at a date, forward or back. */
  set(to: Date | string | number): Promise<Date>;
  /** Back to real time. */
  real(): Promise<Date>;
}

export interface WharfConnection {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  region: string;
  /** The account of `credentials` (their access key id is this account id). */
  accountId: string;
  credentials: WharfCredentials;
  clientConfig: WharfClientConfig;
  /** Client configuration for another account: each 12-digit account is isolated from the others. */
  forAccount(accountId: string): WharfClientConfig;
  /**
   * Drops every queue, topic, stream and message of every account, abandons SNS deliveries still
   * retrying, ends waiting long polls (empty) and returns the clock to real time.
   */
  reset(): Promise<void>;
  clock: WharfClock;
}

/** The functions event source mappings and SNS `lambda` subscriptions invoke in this process. */
export interface WharfFunctions {
  /** Adds or replaces a function, by name (`orders-consumer`) or ARN. */
  register(nameOrArn: string, handler: LambdaHandler | FunctionDefinition): void;
  unregister(nameOrArn: string): void;
  /**
   * Resolves once the event source mapping has handed `count` batches to its function in all
   * and finished with each (deleted, left for retry, or filtered out), with its recent
   * invocations. The sync point for a test: no sleeping, no polling.
   */
  invocations(mappingUuid: string, count: number): Promise<readonly InvocationRecord[]>;
}

export interface Wharf extends WharfConnection {
  functions: WharfFunctions;
  /** The running server, for what the handle does not cover (e.g. `server.emulator`). */
  server: RunningServer;
  /** Ends waiting long polls, finishes in-flight requests, closes the port and the database. */
  stop(): Promise<void>;
}

/**
 * Any wharf option (see `wharf --help`); the fixture's defaults: port 0, 127.0.0.1, in memory,
 * silent. `functions` registers in-process Lambda handlers by name or ARN.
 */
export type StartWharfOptions = Partial<WharfConfig> & { functions?: Record<string, LambdaHandler | FunctionDefinition> };

const SECRET_ACCESS_KEY = 'test';

/** Starts wharf in this process on a free loopback port. */
export async function startWharf(options: StartWharfOptions = {}): Promise<Wharf> {
  const { functions: initialFunctions, ...config0 } = options;
  const server = await startServer(checkedOptions({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...config0 }, 'startWharf'));
  const { emulator, config } = server;
  const registry = emulator.lambda.functions;
  for (const [name, handler] of Object.entries(initialFunctions ?? {})) registry.register(name, handler);
  const clock = emulator.virtualClock!;
  const moved = async (move: (clock: VirtualClock) => void) => {
    move(clock);
    return new Date(clock.now());
  };
  return {
    ...connection(server.url, config.region, config.accountId),
    server,
    functions: {
      register: (name, handler) => registry.register(name, handler),
      unregister: (name) => registry.unregister(name),
      invocations: async (uuid, count) => {
        await emulator.lambda.invocationsReached(uuid, count);
        return emulator.lambda.invocations(uuid);
      },
    },
    reset: async () => emulator.reset(),
    clock: {
      now: async () => new Date(clock.now()),
      advance: (by) => moved((c) => c.advance(checkedAdvance(c.now(), durationMs(by)))),
      set: (to) => moved((c) => c.set(targetMs(to))),
      real: () => moved((c) => c.real()),
    },
    stop: () => server.close(),
  };
}

export interface ConnectWharfOptions {
  /** Where wharf listens, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Default `000000000000`. */
  accountId?: string;
  /** Sent with every /_wharf/ request (e.g. an admin token). */
  headers?: Record<string, string>;
}

/** A handle on a wharf running elsewhere (another process, a container), through /_wharf/ endpoints. */
export function connectWharf(options: ConnectWharfOptions): WharfConnection {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${endpoint}${path}`, {
      method,
      headers: { ...options.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`wharf ${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  const moved = async (body: unknown) => new Date(((await admin('POST', '/_wharf/clock', body)) as ClockState).epochMillis);
  return {
    ...connection(endpoint, options.region ?? 'us-east-1', options.accountId ?? '000000000000'),
    reset: async () => {
      await admin('POST', '/_wharf/reset', {});
    },
    clock: {
      now: async () => new Date(((await admin('GET', '/_wharf/clock')) as ClockState).epochMillis),
      advance: (by) => moved({ advanceSeconds: durationMs(by) / 1000 }),
      set: (to) => moved({ set: new Date(targetMs(to)).toISOString() }),
      real: () => moved({ real: true }),
    },
  };
}

function connection(
  endpoint: string,
  region: string,
  accountId: string,
): Pick<WharfConnection, 'endpoint' | 'region' | 'accountId' | 'credentials' | 'clientConfig' | 'forAccount'> {
  const forAccount = (id: string): WharfClientConfig => {
    if (!/^\d{12}$/.test(id)) throw new Error(`an AWS account id is 12 digits, not ${JSON.stringify(id)}`);
    // wharf takes the account from a 12-digit access key id.
    return { endpoint, region, credentials: { accessKeyId: id, secretAccessKey: SECRET_ACCESS_KEY } };
  };
  const clientConfig = forAccount(accountId);
  return { endpoint, region, accountId, credentials: clientConfig.credentials, clientConfig, forAccount };
}

const UNIT_MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000, milliseconds: 1 } as const;

function durationMs(by: Duration): number {
  let ms = 0;
  for (const [unit, n] of Object.entries(by) as [string, unknown][]) {
    if (!(unit in UNIT_MS)) throw new RangeError(`clock.advance: unknown unit ${unit}; use ${Object.keys(UNIT_MS).join(', ')}`);
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new RangeError(`clock.advance: ${unit} must be a finite number ≥ 0, not ${String(n)}`);
    ms += n * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return Math.round(ms);
}

function checkedAdvance(nowMs: number, ms: number): number {
  const problem = clockTargetProblem(nowMs + ms);
  if (problem) throw new RangeError(`clock.advance: ${problem}`);
  return ms;
}

function targetMs(to: Date | string | number): number {
  const ms = to instanceof Date ? to.getTime() : typeof to === 'string' ? Date.parse(to) : to;
  const problem = clockTargetProblem(ms);
  if (problem) throw new RangeError(`clock.set(${JSON.stringify(to)}): ${Number.isNaN(ms) ? 'not a date' : problem}`);
  return ms;
}
