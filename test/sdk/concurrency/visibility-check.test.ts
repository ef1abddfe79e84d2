import { describe, expect, it } from 'vitest';
import { checkRun, type Receipt, type RunLog, type SentMessage } from './visibility-check.js';

/** The checker the concurrency suites rely on, fed hand-made runs: it must see each kind of violation, and only real ones. */
const sent = (id: string, at: number, extra: Partial<SentMessage> = {}): SentMessage => ({
  messageId: id,
  body: `body ${id}`,
  sentFromMs: at,
  sentAtMs: at + 5,
  delayMs: 0,
  ...extra,
});
const receipt = (call: number, id: string, count: number, from: number, extra: Partial<Receipt> = {}): Receipt => ({
  call,
  messageId: id,
  body: `body ${id}`,
  receiveCount: count,
  visibilityMs: 1_000,
  receivedFromMs: from,
  receivedAtMs: from + 10,
  ...extra,
});
const deleted = (at: number) => ({ deleteFromMs: at, deletedAtMs: at + 10 });

/** Sent at 0; a consumer "crashed" on it at 100 (1 s visibility); redelivered after the deadline and deleted. */
function redelivered(): RunLog {
  return {
    sent: [sent('m1', 0)],
    receipts: [receipt(1, 'm1', 1, 100), receipt(2, 'm1', 2, 1_095, deleted(1_200))],
    samples: [{ fromMs: 300, atMs: 310, visible: 0, inFlight: 1, delayed: 0 }],
  };
}

describe('the visibility checker of the concurrency suites', () => {
  it('accepts a redelivery whose claim may have come after the first receive’s deadline', () => {
    // Reply at 1,105 ≥ 100 + 1,000 − margin: the second claim may have happened at the deadline.
    expect(checkRun(redelivered())).toEqual([]);
  });

  it('reports a message held by two receives at once', () => {
    const log = redelivered();
    log.receipts[1] = receipt(2, 'm1', 2, 500, deleted(600));
    expect(checkRun(log)).toEqual([expect.stringContaining('m1: held by receive 1 (count 1) and receive 2 (count 2) at once')]);
  });

  it('reports two receives that saw the same receive count', () => {
    const log = redelivered();
    log.receipts[1]!.receiveCount = 1;
    expect(checkRun(log)).toContain('m1: receive counts 1,1, expected 1..2');
  });

  it('reports a message received again after a delete that surely took effect', () => {
    const log = redelivered();
    log.receipts = [receipt(1, 'm1', 1, 100, deleted(200)), receipt(2, 'm1', 2, 1_500, deleted(1_600))];
    expect(checkRun(log)).toContain('m1: received again (receive count 2) after receive 1 deleted it');
  });

  it('reports a delayed message received before its delay ran out, lost messages and invented ones', () => {
    const log: RunLog = {
      sent: [sent('m1', 0, { delayMs: 1_000 }), sent('lost', 0)],
      receipts: [receipt(1, 'm1', 1, 100, deleted(200)), receipt(2, 'ghost', 1, 100, deleted(200))],
      samples: [],
    };
    expect(checkRun(log)).toEqual([
      'm1: received 890 ms before its DelaySeconds ran out',
      'ghost: received but never sent',
      'lost: sent but never received and deleted',
    ]);
  });

  it('reports queue counts that exceed, or fall short of, what the client knows', () => {
    const log = redelivered();
    log.samples = [
      { fromMs: 50, atMs: 60, visible: 2, inFlight: 0, delayed: 0 }, // one message was sent
      { fromMs: 50, atMs: 60, visible: 0, inFlight: 0, delayed: 0 }, // acknowledged at 5, not yet received
      { fromMs: 2_000, atMs: 2_010, visible: 0, inFlight: 0, delayed: -1 },
    ];
    expect(checkRun(log)).toEqual([
      'sample at +50 ms (2 visible, 0 in flight, 0 delayed): more than the 1 messages that may exist',
      'sample at +50 ms (0 visible, 0 in flight, 0 delayed): fewer than the 1 messages that must exist',
      'sample at +2000 ms (0 visible, 0 in flight, -1 delayed): negative count',
      'sample at +2000 ms (0 visible, 0 in flight, -1 delayed): fewer than the 0 messages that must exist',
    ]);
  });

  it('reports a FIFO message handed out before an earlier one of its group was deleted, and a group held twice', () => {
    const fifo = { groupId: 'g' };
    const log: RunLog = {
      sent: [sent('a', 0, { ...fifo, sequenceNumber: '10' }), sent('b', 0, { ...fifo, sequenceNumber: '11' })],
      // b goes to receive 2 while receive 1 still holds a.
      receipts: [receipt(1, 'a', 1, 100, { ...fifo, ...deleted(300) }), receipt(2, 'b', 1, 150, { ...fifo, ...deleted(300) })],
      samples: [],
    };
    expect(checkRun(log)).toEqual([
      'group g: held by receive 1 (count 1) and receive 2 (count 1) at once',
      'group g: receive 2 got position 1 before every earlier message of the group was deleted',
    ]);
  });

  it('accepts one FIFO receive returning consecutive messages of a group, and reports a gap', () => {
    const fifo = { groupId: 'g' };
    const log: RunLog = {
      sent: ['1', '2', '3'].map((n) => sent(n, 0, { ...fifo, sequenceNumber: n })),
      receipts: ['1', '2', '3'].map((n) => receipt(1, n, 1, 100, { ...fifo, ...deleted(200) })),
      samples: [],
    };
    expect(checkRun(log)).toEqual([]);
    log.receipts.splice(1, 1, receipt(2, '2', 1, 300, { ...fifo, ...deleted(400) }));
    expect(checkRun(log)).toEqual(['group g: receive 1 returned positions 0,2, not consecutive in send order']);
  });
});
