import type { Clock } from '../clock.js';
import { AwsError } from '../errors.js';
import { ids } from '../ids.js';
import { invokeOperation } from '../protocol/invoke.js';
import type { ServiceDefinition, ServiceName } from '../protocol/service.js';
import { InitFileError } from './load.js';
import type { Owner, Path } from './plan.js';

/** What init logs: one line per created or updated resource, and a summary. */
export interface InitLogger {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** What every part of init shares: how to call AWS operations and how to blame a line. */
export interface InitContext {
  call<T = Record<string, unknown>>(service: ServiceName, operation: string, input: Record<string, unknown>, at: CallSite): Promise<T>;
  /** Like call, but answers undefined when the resource does not exist (the error `notFoundCode`). */
  find<T = Record<string, unknown>>(
    service: ServiceName,
    operation: string,
    input: Record<string, unknown>,
    at: CallSite,
    notFoundCode: string,
  ): Promise<T | undefined>;
  /**
   * Runs one resource's calls; when the API refuses one, its problem is kept for the end and
   * undefined answered, so the other resources are still checked (every problem in one run).
   */
  attempt<T>(apply: () => Promise<T>): Promise<T | undefined>;
  /** What the API refused so far, one line each. */
  problems: string[];
  clock: Clock;
  logger: InitLogger;
  /** `http://host:port` of this server, for queue URLs. */
  baseUrl: string;
}

/** Whose resource a call is about, and where in the file it is declared. */
export interface CallSite {
  owner: Owner;
  /** The entry (or value) to blame when the API refuses the call. */
  path: Path;
  /** AWS names → their paths: an error that names one of them is reported at its line. */
  fields?: Record<string, Path>;
}

/**
 * Calls operations in-process exactly as requests would (the model's checks, then the
 * operation's), in the resource's own account and region. An AwsError becomes an InitFileError
 * at the line of the value the error names, or else of the resource.
 */
export function initContext(
  services: readonly ServiceDefinition[],
  where: (path: Path) => string,
  options: { clock: Clock; logger: InitLogger; baseUrl: string },
): InitContext {
  const byName = new Map(services.map((s) => [s.name, s]));
  const call = async <T>(serviceName: ServiceName, operation: string, input: Record<string, unknown>, at: CallSite): Promise<T> => {
    const service = byName.get(serviceName)!;
    const ctx = {
      requestId: ids.requestId(),
      accountId: at.owner.accountId,
      region: at.owner.region,
      accessKeyId: at.owner.accountId,
      baseUrl: options.baseUrl,
      path: '/',
      // SNS speaks only the query protocol; SQS and Kinesis word their errors for JSON too.
      protocol: serviceName === 'sns' ? ('query' as const) : ('json' as const),
      signal: new AbortController().signal,
    };
    return (await invokeOperation(service, operation, input, ctx)) as T;
  };
  const blame = (err: unknown, at: CallSite): unknown => {
    if (!(err instanceof AwsError)) return err;
    return new InitFileError([`${where(blamedPath(err.message, at))}: ${err.code}: ${err.message}`]);
  };
  const problems: string[] = [];
  return {
    problems,
    async attempt(apply) {
      try {
        return await apply();
      } catch (err) {
        if (!(err instanceof InitFileError)) throw err;
        problems.push(...err.problems);
        return undefined;
      }
    },
    clock: options.clock,
    logger: options.logger,
    baseUrl: options.baseUrl,
    async call(service, operation, input, at) {
      try {
        return await call(service, operation, input, at);
      } catch (err) {
        throw blame(err, at);
      }
    },
    async find(service, operation, input, at, notFoundCode) {
      try {
        return await call(service, operation, input, at);
      } catch (err) {
        if (err instanceof AwsError && err.code === notFoundCode) return undefined;
        throw blame(err, at);
      }
    },
  };
}

/** The field whose name the message mentions (the longest, so RedriveAllowPolicy beats Policy), else the resource. */
function blamedPath(message: string, at: CallSite): Path {
  let best: { name: string; path: Path } | undefined;
  for (const [name, path] of Object.entries(at.fields ?? {})) {
    if (mentions(message, name) && (!best || name.length > best.name.length)) best = { name, path };
  }
  return best?.path ?? at.path;
}

/**
 * AWS names parameters as written (`VisibilityTimeout`), in Coral's camel case (`streamName`)
 * or in words (`raw message delivery`). Single words (`Protocol`, `tags`) must match exactly,
 * or "Delivery protocol [email]" would blame the protocol.
 */
function mentions(message: string, name: string): boolean {
  const words = name.split(/(?<=[a-z])(?=[A-Z])/);
  const asWritten = new RegExp(`\\b${escapeRegExp(name)}\\b`, words.length > 1 ? 'i' : '');
  return asWritten.test(message) || (words.length > 1 && new RegExp(`\\b${words.map(escape).join(' ')}\\b`, 'i').test(message));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
