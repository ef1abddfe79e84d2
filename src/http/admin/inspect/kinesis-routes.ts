import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WharfConfig } from '../../../cli/config.js';
import type { Emulator } from '../../../emulator.js';
import type { ShardDetail, StreamSummary } from '../../../services/kinesis/engine/inspection.js';
import type { StoredRecord, StreamKey } from '../../../services/kinesis/engine/types.js';
import { defined, invokeAs, isoOf, jsonBodyOf, limitQuery, notFound, parseWith, useAdminErrors } from './admin-replies.js';

const STREAM = '/_wharf/kinesis/streams/:accountId/:region/:name';
type StreamParams = { Params: StreamKey };

const recordsQuery = z.object({
  /** The sequence number of the first record to show; unset, the oldest retained record. */
  from: z.string().regex(/^\d+$/, 'must be a sequence number').optional(),
  limit: limitQuery(100, 1000),
});

const putBody = z
  .object({
    partitionKey: z.string(),
    /** The record's bytes in base64, or `text` for UTF-8 text. */
    data: z.base64().optional(),
    text: z.string().optional(),
    explicitHashKey: z.string().optional(),
  })
  .strict()
  .refine((b) => (b.data === undefined) !== (b.text === undefined), 'give exactly one of data (base64) and text');

/**
 * /_wharf/kinesis: every stream with its consumers, one stream's shards, a shard's records
 * (read-only: no iterator, no trimming, no throughput counted), and put record, which runs as
 * the Kinesis PutRecord an SDK would call.
 */
export function registerKinesisInspection(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  const inspection = emulator.kinesis.inspection;
  const noSuchStream = (key: StreamKey) => notFound(`There is no stream ${key.name} in account ${key.accountId}, region ${key.region}.`);

  app.register(async (scope) => {
    useAdminErrors(scope);

    scope.get('/_wharf/kinesis/streams', async () => ({ streams: inspection.streams().map(streamJson) }));

    scope.get<StreamParams>(STREAM, async (request) => {
      const detail = inspection.stream(request.params);
      if (!detail) throw noSuchStream(request.params);
      return { stream: streamJson(detail), shards: detail.shards.map(shardJson) };
    });

    scope.get<StreamParams & { Params: { shardId: string } }>(`${STREAM}/shards/:shardId/records`, async (request) => {
      const { shardId, ...key } = request.params;
      const { from, limit } = parseWith(recordsQuery, request.query);
      if (!inspection.exists(key)) throw noSuchStream(key);
      const page = inspection.shardRecords(key, shardId, from, limit);
      if (!page) throw notFound(`There is no shard ${shardId} in stream ${key.name}.`);
      return { records: page.records.map(recordJson), ...(page.nextSequenceNumber !== undefined ? { nextFrom: page.nextSequenceNumber } : {}) };
    });

    scope.post<StreamParams>(`${STREAM}/records`, async (request) => {
      const key = request.params;
      if (!inspection.exists(key)) throw noSuchStream(key);
      const body = parseWith(putBody, jsonBodyOf(request));
      const data = body.data ?? Buffer.from(body.text ?? '', 'utf8').toString('base64');
      const input = defined({ StreamName: key.name, PartitionKey: body.partitionKey, Data: data, ExplicitHashKey: body.explicitHashKey });
      const put = (await invokeAs(emulator, config, request, { service: 'kinesis', ...key }, 'PutRecord', input)) as {
        ShardId: string;
        SequenceNumber: string;
      };
      return { shardId: put.ShardId, sequenceNumber: put.SequenceNumber };
    });
  });
}

function streamJson({ key, stream, consumers }: StreamSummary) {
  return {
    accountId: key.accountId,
    region: key.region,
    name: key.name,
    arn: stream.arn,
    status: stream.status,
    mode: stream.mode,
    retentionHours: stream.retentionHours,
    createdAt: isoOf(stream.createdAtMs),
    encryptionType: stream.encryptionType,
    shardCount: stream.shards.length,
    openShardCount: stream.openShardCount,
    consumers: consumers.map((c) => ({ name: c.name, arn: c.arn, status: c.status, createdAt: isoOf(c.createdAtMs) })),
  };
}

function shardJson(shard: ShardDetail) {
  return {
    shardId: shard.shardId,
    ...defined({ parentShardId: shard.parentShardId, adjacentParentShardId: shard.adjacentParentShardId }),
    hashKeyRange: { startingHashKey: shard.startingHashKey, endingHashKey: shard.endingHashKey },
    sequenceNumberRange: defined({ startingSequenceNumber: shard.startingSequenceNumber, endingSequenceNumber: shard.endingSequenceNumber }),
    open: shard.closedAtMs === undefined,
    createdAt: isoOf(shard.createdAtMs),
    ...(shard.closedAtMs !== undefined ? { closedAt: isoOf(shard.closedAtMs) } : {}),
    recordCount: shard.recordCount,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Control characters other than tab and line breaks mark data as binary. */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function recordJson(record: StoredRecord) {
  return {
    sequenceNumber: record.sequenceNumber,
    partitionKey: record.partitionKey,
    approximateArrivalTimestamp: isoOf(record.arrivedAtMs),
    data: record.data.toString('base64'),
    ...textOf(record.data),
  };
}

/** `{ text }` when the bytes are printable UTF-8, else nothing. */
function textOf(data: Buffer): { text?: string } {
  try {
    const text = utf8.decode(data);
    return UNPRINTABLE.test(text) ? {} : { text };
  } catch {
    return {};
  }
}
