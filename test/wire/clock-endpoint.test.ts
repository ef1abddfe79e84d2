import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

async function clock(method: 'GET' | 'POST', body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/_wharf/clock`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('GET /_wharf/clock', () => {
  it('answers real time, offset 0, mode "real" until the clock is moved', async () => {
    const { status, json } = await clock('GET');
    expect(status).toBe(200);
    expect(json).toEqual({ now: expect.any(String), epochMillis: expect.any(Number), offsetMillis: 0, mode: 'real' });
    expect(Date.parse(json.now as string)).toBe(json.epochMillis);
    expect(Math.abs((json.epochMillis as number) - Date.now())).toBeLessThan(5_000);
  });
});

describe('POST /_wharf/clock', () => {
  it('advances by whole and fractional seconds, and answers the new state', async () => {
    expect((await clock('POST', '{"advanceSeconds": 30}')).json).toMatchObject({ offsetMillis: 30_000, mode: 'moved' });
    expect((await clock('POST', '{"advanceSeconds": 0.25}')).json).toMatchObject({ offsetMillis: 30_250 });
    expect((await clock('GET')).json).toMatchObject({ offsetMillis: 30_250, mode: 'moved' });
  });

  it('sets an ISO-8601 date-time (Z or offset), back or forward, and keeps flowing from it', async () => {
    const { json } = await clock('POST', '{"set": "2030-06-01T12:00:00+02:00"}');
    expect(json.mode).toBe('moved');
    expect(json.epochMillis as number).toBeGreaterThanOrEqual(Date.UTC(2030, 5, 1, 10));
    expect(json.epochMillis as number).toBeLessThan(Date.UTC(2030, 5, 1, 10) + 5_000);
    expect((await clock('POST', '{"set": "2020-01-01T00:00:00.000Z"}')).json.epochMillis as number).toBeLessThan(Date.UTC(2020, 0, 1) + 5_000);
  });

  it('goes back to real time with {"real": true}, and POST /_wharf/reset does too', async () => {
    await clock('POST', '{"advanceSeconds": 3600}');
    expect((await clock('POST', '{"real": true}')).json).toMatchObject({ offsetMillis: 0, mode: 'real' });
    await clock('POST', '{"advanceSeconds": 3600}');
    expect((await fetch(`${server.url}/_wharf/reset`, { method: 'POST' })).status).toBe(200);
    expect((await clock('GET')).json).toMatchObject({ offsetMillis: 0, mode: 'real' });
  });

  it.each([
    ['', 'the body must be JSON, e.g. {"advanceSeconds": 30}, {"set": "2026-03-01T09:00:00Z"} or {"real": true}'],
    ['advance 30', 'the body must be JSON, e.g. {"advanceSeconds": 30}, {"set": "2026-03-01T09:00:00Z"} or {"real": true}'],
    ['{}', 'give exactly one of advanceSeconds (a number ≥ 0), set (an ISO-8601 date-time) or real (true)'],
    ['{"advanceSeconds": 1, "real": true}', 'give exactly one of advanceSeconds (a number ≥ 0), set (an ISO-8601 date-time) or real (true)'],
    ['{"advanceSeconds": -1}', 'advanceSeconds: Too small: expected number to be >=0'],
    ['{"advanceSeconds": "30"}', 'advanceSeconds: Invalid input: expected number, received string'],
    ['{"set": "2026-03-01"}', 'set: must be an ISO-8601 date-time with Z or an offset, e.g. 2026-03-01T09:00:00Z'],
    ['{"set": "3001-01-01T00:00:00Z"}', 'the clock must stay between 1970-01-01T00:00:00.000Z and 3000-01-01T00:00:00.000Z'],
    ['{"real": false}', 'real: Invalid input: expected true'],
    ['{"advanceSecs": 30}', expect.stringContaining('Unrecognized key: "advanceSecs"')],
  ])('refuses %j with 400 and a message that says why, leaving the clock alone', async (body, error) => {
    const { status, json } = await clock('POST', body);
    expect(status).toBe(400);
    expect(json).toEqual({ error });
    expect((await clock('GET')).json.offsetMillis).toBe(0);
  });

  it('answers 409 on a server whose clock was injected in-process', async () => {
    const injected = await startTestServer({ clock: new ManualClock() });
    try {
      for (const response of [
        await fetch(`${injected.url}/_wharf/clock`),
        await fetch(`${injected.url}/_wharf/clock`, { method: 'POST', body: '{"advanceSeconds": 1}' }),
      ]) {
        expect(response.status).toBe(409);
        expect(await response.json()).toEqual({ error: expect.stringContaining('injected') });
      }
    } finally {
      await injected.close();
    }
  });
});
