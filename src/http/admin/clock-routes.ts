import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { VirtualClock } from '../../clock.js';
import type { Emulator } from '../../emulator.js';
import { problemsOf } from './zod-problems.js';

/**
 * Bounds of a moved clock: from the epoch (timestamps are unsigned everywhere) to year 3000
 * (Kinesis sequence numbers hold epoch seconds in 36 bits, good to year 4147).
 */
const EARLIEST_MS = 0;
const LATEST_MS = Date.UTC(3000, 0, 1);

/** Why the clock cannot move to `epochMs`, or undefined when it can. */
export function clockTargetProblem(epochMs: number): string | undefined {
  if (Number.isFinite(epochMs) && epochMs >= EARLIEST_MS && epochMs < LATEST_MS) return undefined;
  return `the clock must stay between ${new Date(EARLIEST_MS).toISOString()} and ${new Date(LATEST_MS).toISOString()}`;
}

const moveRequest = z
  .strictObject({
    /** Forward only; fractional seconds move by whole milliseconds (rounded). */
    advanceSeconds: z.number().min(0).finite().optional(),
    /** An ISO-8601 date-time with Z or an offset, e.g. 2026-03-01T09:00:00Z. */
    set: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with Z or an offset, e.g. 2026-03-01T09:00:00Z' }).optional(),
    /** Back to real time. */
    real: z.literal(true).optional(),
  })
  .refine((body) => [body.advanceSeconds, body.set, body.real].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of advanceSeconds (a number ≥ 0), set (an ISO-8601 date-time) or real (true)',
  });

/** What GET and POST /_wharf/clock answer. */
export interface ClockState {
  now: string;
  epochMillis: number;
  /** now minus real time; 0 in mode "real". */
  offsetMillis: number;
  mode: 'real' | 'moved';
}

export function clockStateOf(clock: VirtualClock): ClockState {
  const epochMillis = clock.now();
  return { now: new Date(epochMillis).toISOString(), epochMillis, offsetMillis: clock.offsetMillis, mode: clock.offsetMillis === 0 ? 'real' : 'moved' };
}

/** The virtual clock: read it, move it forward, set it, or send it back to real time. */
export function registerClockRoutes(app: FastifyInstance, emulator: Emulator): void {
  const clockOr409 = (reply: FastifyReply): VirtualClock | undefined => {
    if (emulator.virtualClock) return emulator.virtualClock;
    void reply.code(409).send({ error: 'this wharf runs on a clock injected in-process (startServer({ clock })); move that clock instead' });
    return undefined;
  };

  app.get('/_wharf/clock', async (_request, reply) => {
    const clock = clockOr409(reply);
    return clock ? clockStateOf(clock) : reply;
  });

  app.post('/_wharf/clock', async (request, reply) => {
    const clock = clockOr409(reply);
    if (!clock) return reply;
    const json = jsonOf(request.body);
    if (json === NOT_JSON)
      return reply.code(400).send({ error: 'the body must be JSON, e.g. {"advanceSeconds": 30}, {"set": "2026-03-01T09:00:00Z"} or {"real": true}' });
    const parsed = moveRequest.safeParse(json);
    if (!parsed.success) return reply.code(400).send({ error: problemsOf(parsed.error) });
    const body = parsed.data;
    if (body.real) {
      clock.real();
      return clockStateOf(clock);
    }
    const targetMs = body.set !== undefined ? Date.parse(body.set) : clock.now() + Math.round(body.advanceSeconds! * 1000);
    const problem = clockTargetProblem(targetMs);
    if (problem) return reply.code(400).send({ error: problem });
    if (body.set !== undefined) clock.set(targetMs);
    else clock.advance(Math.round(body.advanceSeconds! * 1000));
    return clockStateOf(clock);
  });
}

const NOT_JSON = Symbol('not JSON');

/** The raw body (app.ts keeps every body as bytes) parsed as JSON. */
function jsonOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return NOT_JSON;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}
