import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator.js';
import { queueKey, receive } from '../support/sqs-engine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SNS Publish with SQS subscriptions across a crash', () => {
  it('commits the publish and its deliveries to queues together: a crash in the middle of the fan-out leaves neither, so the retry delivers to every queue', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wharf-fanout-'));
    dirs.push(dataDir);
    // A real process (dist/, as `wharf` runs), killed by SIGKILL between the first queue's delivery and the second's.
    const crashed = spawnSync(process.execPath, [join(import.meta.dirname, 'fixtures/crash-during-fanout.mjs'), dataDir], { encoding: 'utf8' });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');

    const emulator = new Emulator({ dataDir });
    try {
      const first = queueKey('first.fifo', '123456789012');
      const second = queueKey('second.fifo', '123456789012');
      // Publish had not answered: nothing of it may be visible, not even in the first queue.
      expect(await receive(emulator.sqs, first)).toEqual([]);
      // The client retries with the same deduplication id: not a duplicate, since the first try never happened.
      const topicArn = 'arn:aws:sns:us-east-1:123456789012:orders.fifo';
      emulator.sns.publish(
        topicArn,
        { message: 'order 1', attributes: {}, messageGroupId: 'g', deduplicationId: 'order-1' },
        { baseUrl: 'http://localhost:4566' },
      );
      expect((await receive(emulator.sqs, first)).map((m) => m.body)).toEqual(['order 1']);
      expect((await receive(emulator.sqs, second)).map((m) => m.body)).toEqual(['order 1']);
    } finally {
      emulator.close();
    }
  });
});
