import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../clock.js';
import { functionNameOf } from './types.js';

/** The context object a handler receives, with the members of AWS's Node.js runtime. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

/** A function that runs in the test's own process: AWS's event in, the function's response out. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => unknown;

export interface FunctionDefinition {
  handler: LambdaHandler;
  /** As a function's Timeout setting; AWS's default is 3 seconds. Measured on wharf's clock. */
  timeoutSeconds?: number;
}

/** How one invocation ended: the function's response, or a function error (thrown, rejected, timed out). */
export type InvokeOutcome = { ok: true; response: unknown } | { ok: false; errorType: string; errorMessage: string };

/** Invokes a function elsewhere, through the Lambda Invoke API (WHARF_LAMBDA_ENDPOINT). */
export interface RemoteFunctions {
  /** RequestResponse, as event source mappings invoke. */
  invoke(functionArn: string, payload: string): Promise<InvokeOutcome>;
  /** Event (asynchronous), as SNS invokes. */
  invokeAsync(functionArn: string, payload: string): Promise<void>;
}

export const DEFAULT_TIMEOUT_SECONDS = 3;

/**
 * The functions wharf can invoke: handlers registered in-process by name or ARN, else the
 * remote Lambda endpoint when one is set. Event source mappings and SNS `lambda`
 * subscriptions both invoke through it.
 */
export class FunctionRegistry {
  private readonly local = new Map<string, FunctionDefinition>();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly remote: RemoteFunctions | undefined,
  ) {}

  /** Adds or replaces a function; `nameOrArn` is its name (any account and region) or its ARN. */
  register(nameOrArn: string, definition: LambdaHandler | FunctionDefinition): void {
    this.local.set(nameOrArn, typeof definition === 'function' ? { handler: definition } : definition);
    for (const wake of [...this.waiters]) wake();
  }

  unregister(nameOrArn: string): void {
    this.local.delete(nameOrArn);
  }

  /** Whether an invocation of this function can run now (a handler is registered, or an endpoint is set). */
  canInvoke(functionArn: string): boolean {
    return this.remote !== undefined || this.find(functionArn) !== undefined;
  }

  /** Resolves when a function is registered (or the signal aborts): a mapping waits for its function. */
  nextRegistration(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** Invokes synchronously (RequestResponse), as an event source mapping does. */
  async invoke(functionArn: string, event: unknown): Promise<InvokeOutcome> {
    const local = this.find(functionArn);
    if (local) return this.runLocal(functionArn, local, event);
    if (this.remote) return this.remote.invoke(functionArn, JSON.stringify(event));
    return { ok: false, errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` };
  }

  /** Invokes asynchronously (Event), as SNS does; rejects when the function fails or cannot be reached. */
  async invokeAsync(functionArn: string, payload: string): Promise<void> {
    const local = this.find(functionArn);
    if (local) {
      const outcome = await this.runLocal(functionArn, local, JSON.parse(payload));
      if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
      return;
    }
    if (this.remote) return this.remote.invokeAsync(functionArn, payload);
    throw new Error(`Function not found: ${functionArn}`);
  }

  private find(functionArn: string): FunctionDefinition | undefined {
    const unqualified = functionArn.replace(/^(.*:function:[^:]+):[^:]+$/, '$1');
    return this.local.get(functionArn) ?? this.local.get(unqualified) ?? this.local.get(functionNameOf(functionArn));
  }

  private async runLocal(functionArn: string, definition: FunctionDefinition, event: unknown): Promise<InvokeOutcome> {
    const timeoutMs = (definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const deadlineMs = this.clock.now() + timeoutMs;
    const name = functionNameOf(functionArn);
    const context: LambdaContext = {
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionArn,
      memoryLimitInMB: '128',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `wharf/[$LATEST]${randomUUID().replaceAll('-', '')}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadlineMs - this.clock.now()),
    };
    const timer = new AbortController();
    const timedOut = this.clock.sleep(timeoutMs, timer.signal).then(() => (timer.signal.aborted ? undefined : 'timeout'));
    try {
      const result = await Promise.race([
        Promise.resolve()
          .then(() => definition.handler(event, context))
          .then((response) => ({ response })),
        timedOut,
      ]);
      if (result === 'timeout')
        return { ok: false, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` };
      return { ok: true, response: (result as { response: unknown }).response };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      return { ok: false, errorType: error.name || 'Error', errorMessage: error.message };
    } finally {
      timer.abort();
    }
  }
}
