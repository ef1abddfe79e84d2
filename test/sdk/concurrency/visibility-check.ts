/**
 * Checks a recorded run of concurrent SQS producers and consumers for the promises of the
 * visibility timeout: no message (FIFO: no message group) held by two receives at once, receive
 * counts that go 1, 2, 3…, nothing received again after a delete that surely took effect,
 * delays respected, FIFO order kept, nothing lost or invented, and queue counts that agree.
 *
 * Every time here is `Date.now()` in the test process, the same wall clock the server's
 * SystemClock reads. The client cannot see when the server acted, only that it acted between
 * sending a request and reading its reply, so every check takes the bound that favours the
 * server and reports only what must have happened whatever the network and scheduling delays
 * were. Both sides truncate to whole milliseconds: MARGIN_MS absorbs that.
 */
export const MARGIN_MS = 5;

export interface SentMessage {
  messageId: string;
  body: string;
  /** Request sent / reply read. */
  sentFromMs: number;
  sentAtMs: number;
  delayMs: number;
  groupId?: string;
  sequenceNumber?: string;
}

/** One message as one ReceiveMessage call returned it, and what that consumer did with it. */
export interface Receipt {
  /** Identifies the ReceiveMessage call; messages of one call share it. */
  call: number;
  messageId: string;
  body: string;
  receiveCount: number;
  visibilityMs: number;
  /** Request sent / reply read. */
  receivedFromMs: number;
  receivedAtMs: number;
  /** Set when the consumer starts deleting, and when the delete's reply (a success) is read. */
  deleteFromMs?: number;
  deletedAtMs?: number;
  groupId?: string;
  sequenceNumber?: string;
}

/** A GetQueueAttributes reply and when it was asked for and read. */
export interface CountSample {
  fromMs: number;
  atMs: number;
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface RunLog {
  sent: SentMessage[];
  receipts: Receipt[];
  samples: CountSample[];
}

/** The earliest moment the receive may have stopped holding the message: its delete began, or its visibility timeout may have run out. */
function earliestRelease(r: Receipt): number {
  return Math.min(r.deleteFromMs ?? Infinity, r.receivedFromMs + r.visibilityMs - MARGIN_MS);
}

/** The delete's reply came while the receive certainly still held the message: it was deleted, not a stale handle. */
function surelyDeleted(r: Receipt): boolean {
  return r.deletedAtMs !== undefined && r.deletedAtMs < r.receivedFromMs + r.visibilityMs - MARGIN_MS;
}

/**
 * Two receipts certainly overlapped when both claims had happened (each is over by its reply)
 * before either receive could have let go.
 */
function surelyOverlap(a: Receipt, b: Receipt): boolean {
  return Math.max(a.receivedAtMs, b.receivedAtMs) < Math.min(earliestRelease(a), earliestRelease(b));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(item);
  }
  return groups;
}

/** Every violation found, as readable lines; an empty list means the run kept every promise. */
export function checkRun(log: RunLog): string[] {
  const violations: string[] = [];
  const sentById = new Map(log.sent.map((m) => [m.messageId, m]));
  const receiptsById = groupBy(log.receipts, (r) => r.messageId);

  for (const [messageId, receipts] of receiptsById) {
    const sent = sentById.get(messageId);
    if (!sent) violations.push(`${messageId}: received but never sent`);
    else if (receipts.some((r) => r.body !== sent.body)) violations.push(`${messageId}: received with a body that was not sent`);
    checkReceiveCounts(messageId, receipts, violations);
    checkOverlaps(`message ${messageId}`, receipts, violations);
    const deleted = receipts.find(surelyDeleted);
    const after = deleted && receipts.find((r) => r.receiveCount > deleted.receiveCount);
    if (deleted && after)
      violations.push(`${messageId}: received again (receive count ${after.receiveCount}) after receive ${deleted.receiveCount} deleted it`);
    const first = receipts.find((r) => r.receiveCount === 1);
    if (sent && first && first.receivedAtMs < sent.sentFromMs + sent.delayMs - MARGIN_MS) {
      violations.push(`${messageId}: received ${sent.sentFromMs + sent.delayMs - first.receivedAtMs} ms before its DelaySeconds ran out`);
    }
  }
  for (const sent of log.sent) {
    if (!receiptsById.get(sent.messageId)?.some((r) => r.deletedAtMs !== undefined)) violations.push(`${sent.messageId}: sent but never received and deleted`);
  }
  // FIFO: a group is held by one receive at a time (its messages of one call hold it together).
  for (const [groupId, receipts] of groupBy(log.receipts, (r) => r.groupId)) checkOverlaps(`group ${groupId}`, receipts, violations);
  checkFifoOrder(log, violations);
  checkCounts(log, violations);
  return violations;
}

/** The nth receive of a message says ApproximateReceiveCount n: a count seen twice is two receives claiming it as one. */
function checkReceiveCounts(messageId: string, receipts: Receipt[], violations: string[]): void {
  const counts = receipts.map((r) => r.receiveCount).sort((a, b) => a - b);
  if (counts.some((count, i) => count !== i + 1)) violations.push(`${messageId}: receive counts ${counts.join(',')}, expected 1..${counts.length}`);
}

function checkOverlaps(what: string, receipts: Receipt[], violations: string[]): void {
  // In reply order, a receipt can only overlap later ones whose reply came before it could let go.
  const byReply = [...receipts].sort((a, b) => a.receivedAtMs - b.receivedAtMs);
  for (let i = 0; i < byReply.length; i++) {
    const a = byReply[i]!;
    for (let j = i + 1; j < byReply.length && byReply[j]!.receivedAtMs < earliestRelease(a); j++) {
      const b = byReply[j]!;
      // One call may return several messages of a FIFO group (they hold it together), never one message twice.
      if (a.call === b.call && a.messageId !== b.messageId) continue;
      if (surelyOverlap(a, b)) {
        violations.push(`${what}: held by receive ${a.call} (count ${a.receiveCount}) and receive ${b.call} (count ${b.receiveCount}) at once`);
      }
    }
  }
}

/**
 * FIFO: a call's messages of one group are consecutive in send order, and a message is handed
 * out only once every earlier message of its group is deleted; so some delete of each earlier
 * one (outside this call) must have begun before this call's reply was read.
 */
function checkFifoOrder(log: RunLog, violations: string[]): void {
  const receiptsById = groupBy(log.receipts, (r) => r.messageId);
  const receiptsByGroup = groupBy(log.receipts, (r) => r.groupId);
  for (const [groupId, sent] of groupBy(log.sent, (m) => m.groupId)) {
    const ordered = [...sent].sort((a, b) => compareSequence(a.sequenceNumber!, b.sequenceNumber!));
    const indexOf = new Map(ordered.map((m, i) => [m.messageId, i]));
    // releasedBy[i]: when the first delete of every message before i had begun (Infinity if one never was).
    const releasedBy: number[] = [];
    let latest = -Infinity;
    for (const m of ordered) {
      releasedBy.push(latest);
      const firstDelete = Math.min(...(receiptsById.get(m.messageId) ?? []).map((r) => r.deleteFromMs ?? Infinity));
      latest = Math.max(latest, firstDelete);
    }
    for (const [call, receipts] of groupBy(receiptsByGroup.get(groupId) ?? [], (r) => String(r.call))) {
      const indexes = receipts.map((r) => indexOf.get(r.messageId) ?? -1);
      if (indexes.some((index, k) => index !== indexes[0]! + k)) {
        violations.push(`group ${groupId}: receive ${call} returned positions ${indexes.join(',')}, not consecutive in send order`);
        continue;
      }
      const first = indexes[0]!;
      if (first >= 0 && !(releasedBy[first]! < receipts[0]!.receivedAtMs)) {
        violations.push(`group ${groupId}: receive ${call} got position ${first} before every earlier message of the group was deleted`);
      }
    }
  }
}

/** SequenceNumbers are decimal strings of up to 128 bits. */
function compareSequence(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Each GetQueueAttributes sample against what the client knows for sure: never negative, never
 * more than was (possibly) sent minus what was surely deleted, never less than was surely sent
 * minus what was (possibly) deleted; in flight no more than what receives (possibly) held, and
 * delayed no more than the delayed sends whose delay may not have run out.
 */
function checkCounts(log: RunLog, violations: string[]): void {
  const byId = groupBy(log.receipts, (r) => r.messageId);
  const facts = log.sent.map((m) => {
    const receipts = byId.get(m.messageId) ?? [];
    return {
      sent: m,
      surelyGoneAt: Math.min(...receipts.filter(surelyDeleted).map((r) => r.deletedAtMs!)),
      deleteBeganAt: Math.min(...receipts.map((r) => r.deleteFromMs ?? Infinity)),
      // Holds: from the request (the claim may come as soon as it arrives) to the delete's reply or a safe deadline.
      holds: receipts.map((r) => ({ from: r.receivedFromMs, until: Math.min(r.deletedAtMs ?? Infinity, r.receivedAtMs + r.visibilityMs + MARGIN_MS) })),
    };
  });
  for (const s of log.samples) {
    const where = `sample at +${s.fromMs - (log.sent[0]?.sentFromMs ?? 0)} ms (${s.visible} visible, ${s.inFlight} in flight, ${s.delayed} delayed)`;
    if (s.visible < 0 || s.inFlight < 0 || s.delayed < 0) violations.push(`${where}: negative count`);
    let mayExist = 0;
    let mustExist = 0;
    let mayBeInFlight = 0;
    let mayBeDelayed = 0;
    for (const f of facts) {
      if (f.sent.sentFromMs < s.atMs && !(f.surelyGoneAt < s.fromMs)) mayExist++;
      if (f.sent.sentAtMs < s.fromMs && !(f.deleteBeganAt < s.atMs)) mustExist++;
      if (f.holds.some((h) => h.from < s.atMs && h.until > s.fromMs)) mayBeInFlight++;
      if (f.sent.delayMs > 0 && f.sent.sentFromMs < s.atMs && f.sent.sentAtMs + f.sent.delayMs + MARGIN_MS > s.fromMs) mayBeDelayed++;
    }
    const total = s.visible + s.inFlight + s.delayed;
    if (total > mayExist) violations.push(`${where}: more than the ${mayExist} messages that may exist`);
    if (total < mustExist) violations.push(`${where}: fewer than the ${mustExist} messages that must exist`);
    if (s.inFlight > mayBeInFlight) violations.push(`${where}: more in flight than the ${mayBeInFlight} that receives may hold`);
    if (s.delayed > mayBeDelayed) violations.push(`${where}: more delayed than the ${mayBeDelayed} that may still be delayed`);
  }
}
