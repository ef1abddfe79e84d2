import type { Clock } from '../../../../clock.js';
import type { SnsLogger } from '../types.js';

/**
 * HTTP/HTTPS delivery with SNS's retry policy, waiting on the clock between attempts.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 * - 2xx: delivered.
 * - 4xx other than 429: a client error; SNS does not retry, the message goes to the DLQ.
 * - 5xx, 429, no answer: retried per the healthy retry policy, then the DLQ.
 */
export interface RetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential';
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
};

/** The waits before each retry, in ms: no-delay phase, pre-backoff, backoff, post-backoff. */
export function retryDelaysMs(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  const min = policy.minDelayTarget * 1000;
  const max = policy.maxDelayTarget * 1000;
  for (let i = 0; i < policy.numNoDelayRetries; i++) delays.push(0);
  for (let i = 0; i < policy.numMinDelayRetries; i++) delays.push(min);
  const backoff = Math.max(0, policy.numRetries - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries);
  for (let i = 1; i <= backoff; i++) {
    const fraction = backoff === 1 ? 1 : i / backoff;
    const linear = min + (max - min) * fraction;
    const curved = min > 0 ? min * (max / min) ** fraction : linear;
    delays.push(Math.round(policy.backoffFunction === 'linear' || policy.backoffFunction === 'arithmetic' ? linear : curved));
  }
  for (let i = 0; i < policy.numMaxDelayRetries; i++) delays.push(max);
  return delays.slice(0, policy.numRetries);
}

export interface HttpRequestToSend {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryFailure {
  code: string;
  message: string;
}

/** Hears how an HTTP delivery goes, attempt by attempt (`attempts` counts those made so far). */
export interface HttpDeliveryObserver {
  delivered(attempts: number): void;
  retrying(attempts: number, nextAttemptAtMs: number, failure: DeliveryFailure): void;
  /** Every attempt failed, or the endpoint refused for good (4xx): send to the DLQ. */
  gaveUp(attempts: number, failure: DeliveryFailure): void;
}

/** For deliveries nobody follows (subscription confirmations). */
export const UNOBSERVED: HttpDeliveryObserver = { delivered: () => {}, retrying: () => {}, gaveUp: () => {} };

/**
 * AWS waits this long for an endpoint to answer (unverified: 15 s is the documented default).
 * Real time on purpose: it bounds a real peer's real answer, which moving the virtual clock
 * does not speed up (the waits between attempts do follow the clock).
 */
const REQUEST_TIMEOUT_MS = 15_000;

export class HttpDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  /** Aborted (and replaced) to abandon the deliveries in flight. */
  private abandoning = new AbortController();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: SnsLogger,
  ) {}

  /** Starts a delivery, telling `observer` each attempt's outcome. */
  send(request: HttpRequestToSend, policy: RetryPolicy, observer: HttpDeliveryObserver): void {
    if (this.stopped) return;
    const delivery = this.deliver(request, policy, observer, this.abandoning.signal).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Resolves when no delivery is in flight (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Abandons waiting retries and sends nothing more (shutdown). */
  stop(): void {
    this.stopped = true;
    this.abandon();
  }

  /** Abandons every delivery in flight, without a DLQ (reset): no attempt of theirs follows. */
  abandon(): void {
    this.abandoning.abort();
    this.abandoning = new AbortController();
  }

  private async deliver(request: HttpRequestToSend, policy: RetryPolicy, observer: HttpDeliveryObserver, abandoned: AbortSignal): Promise<void> {
    const delays = retryDelaysMs(policy);
    for (let attempt = 0; ; attempt++) {
      if (abandoned.aborted) return;
      const outcome = await this.attempt(request, abandoned);
      if (abandoned.aborted) return;
      if (outcome === 'delivered') {
        observer.delivered(attempt + 1);
        return;
      }
      if (!outcome.retryable || attempt >= delays.length) {
        this.logger.warn({ url: request.url, attempts: attempt + 1, error: outcome.failure.message }, 'SNS gave up delivering to an HTTP endpoint');
        observer.gaveUp(attempt + 1, outcome.failure);
        return;
      }
      const delay = delays[attempt]!;
      this.logger.debug({ url: request.url, attempt: attempt + 1, retryInMs: delay }, 'SNS HTTP delivery failed; retrying');
      observer.retrying(attempt + 1, this.clock.now() + delay, outcome.failure);
      await this.clock.sleep(delay, abandoned);
    }
  }

  private async attempt(request: HttpRequestToSend, abandoned: AbortSignal): Promise<'delivered' | { retryable: boolean; failure: DeliveryFailure }> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), abandoned]),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return 'delivered';
      const failure = { code: String(response.status), message: `The endpoint answered HTTP ${response.status}` };
      return { retryable: response.status >= 500 || response.status === 429, failure };
    } catch (err) {
      // fetch says only "fetch failed"; the cause says why (e.g. connect ECONNREFUSED 127.0.0.1:9).
      const cause = (err as { cause?: unknown }).cause;
      const message = cause instanceof Error ? `${(err as Error).message}: ${cause.message}` : (err as Error).message;
      return { retryable: true, failure: { code: 'ConnectionFailure', message } };
    }
  }
}
