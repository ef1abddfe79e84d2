import * as k from '@aws-sdk/client-kinesis';
import cbor from 'cbor';
import { describe, expect, it } from 'vitest';
import { useKinesisServer } from '../../support/kinesis-clients.js';

/**
 * Kinesis divergences from AWS listed in docs/fidelity.md, each by its id, through both of
 * Kinesis's encodings: AWS JSON 1.1 and CBOR (what the Java SDK sends). Requests are written by
 * hand so that the exact status, Content-Type and body of each answer can be asserted.
 * test/models/fidelity-ledger.test.ts checks that every id has a test.
 */
type Encoding = 'json' | 'cbor';
const CONTENT_TYPE: Record<Encoding, string> = { json: 'application/x-amz-json-1.1', cbor: 'application/x-amz-cbor-1.1' };

const t = useKinesisServer();

async function call(encoding: Encoding, operation: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  const bytes = body === undefined ? undefined : encoding === 'cbor' ? new Uint8Array(cbor.encode(body)) : JSON.stringify(body);
  const res = await fetch(`${t.server.url}/`, {
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE[encoding], ...(operation !== undefined ? { 'x-amz-target': `Kinesis_20131202.${operation}` } : {}), ...headers },
    ...(bytes !== undefined ? { body: bytes } : {}),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const decoded = raw.length === 0 ? undefined : encoding === 'cbor' ? (cbor.decodeFirstSync(raw) as unknown) : (JSON.parse(raw.toString('utf8')) as unknown);
  return { status: res.status, contentType: res.headers.get('content-type'), body: decoded };
}

const error = (encoding: Encoding, status: number, body: Record<string, string>) => ({ status, contentType: CONTENT_TYPE[encoding], body });

describe.each(['json', 'cbor'] as const)('Kinesis fidelity over %s', (encoding) => {
  it('creates a 4-shard ON_DEMAND stream from CreateStream with neither ShardCount nor StreamModeDetails [KIN-CREATE-DEFAULT]', async () => {
    expect(await call(encoding, 'CreateStream', { StreamName: 'plain' })).toEqual({ status: 200, contentType: CONTENT_TYPE[encoding], body: undefined });
    const summary = (await call(encoding, 'DescribeStreamSummary', { StreamName: 'plain' })).body as { StreamDescriptionSummary: Record<string, unknown> };
    expect(summary.StreamDescriptionSummary).toMatchObject({ StreamModeDetails: { StreamMode: 'ON_DEMAND' }, OpenShardCount: 4 });
    expect(await call(encoding, 'CreateStream', { StreamName: 'provisioned', StreamModeDetails: { StreamMode: 'PROVISIONED' } })).toEqual(
      error(encoding, 400, { __type: 'InvalidArgumentException', message: 'ShardCount is required for a stream in PROVISIONED mode.' }),
    );
  });

  it('answers operations without output with 200 and an empty body [KIN-EMPTY-BODY]', async () => {
    for (const [operation, input] of [
      ['CreateStream', { StreamName: 's', ShardCount: 2 }],
      ['AddTagsToStream', { StreamName: 's', Tags: { team: 'a' } }],
      ['RemoveTagsFromStream', { StreamName: 's', TagKeys: ['team'] }],
      ['IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 }],
      ['MergeShards', { StreamName: 's', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }],
      ['DeleteStream', { StreamName: 's' }],
    ] as const) {
      expect({ operation, ...(await call(encoding, operation, input)) }).toEqual({
        operation,
        status: 200,
        contentType: CONTENT_TYPE[encoding],
        body: undefined,
      });
    }
  });

  it('answers an unknown operation, or no target, with a bare UnknownOperationException in the request’s encoding [KIN-UNKNOWN-OPERATION]', async () => {
    expect(await call(encoding, 'DescribeQueue', {})).toEqual(error(encoding, 400, { __type: 'UnknownOperationException' }));
    expect(await call(encoding, undefined, {})).toEqual(error(encoding, 400, { __type: 'UnknownOperationException' }));
    expect(await call(encoding, undefined, {}, { 'x-amz-target': 'AmazonSNS.ListTopics' })).toEqual(
      error(encoding, 400, { __type: 'UnknownOperationException' }),
    );
  });

  it('answers a missing body with a bare SerializationException [KIN-CORAL-ERRORS]', async () => {
    expect(await call(encoding, 'ListStreams', undefined)).toEqual(error(encoding, 400, { __type: 'SerializationException' }));
  });

  it('answers a body that is not in the encoding at all with a bare SerializationException [KIN-CORAL-ERRORS]', async () => {
    const res = await fetch(`${t.server.url}/`, {
      method: 'POST',
      headers: { 'content-type': CONTENT_TYPE[encoding], 'x-amz-target': 'Kinesis_20131202.ListStreams' },
      body: encoding === 'json' ? 'not json' : new Uint8Array([0xff, 0xff]),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    expect({ status: res.status, body: encoding === 'json' ? JSON.parse(raw.toString()) : cbor.decodeFirstSync(raw) }).toEqual({
      status: 400,
      body: { __type: 'SerializationException' },
    });
  });

  it('names the message of a SerializationException `Message` (a member of the wrong type) [KIN-CORAL-ERRORS]', async () => {
    expect(await call(encoding, 'CreateStream', { StreamName: 'x', ShardCount: 'one' })).toEqual(
      error(encoding, 400, { __type: 'SerializationException', Message: 'class java.lang.String can not be converted to an Integer' }),
    );
  });

  it.each([
    ['a semicolon', 'a;b'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['a comma', 'a,b'],
  ])('refuses a tag with %s: InvalidArgumentException [KIN-TAG-CHARACTERS]', async (_what, text) => {
    await call(encoding, 'CreateStream', { StreamName: 'tagged', ShardCount: 1 });
    const expected = error(encoding, 400, {
      __type: 'InvalidArgumentException',
      message: 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
    });
    expect(await call(encoding, 'AddTagsToStream', { StreamName: 'tagged', Tags: { [text]: 'v' } })).toEqual(expected);
    expect(await call(encoding, 'AddTagsToStream', { StreamName: 'tagged', Tags: { k: text } })).toEqual(expected);
  });

  it('refuses a tag with % in AWS’s second wording [KIN-TAG-CHARACTERS]', async () => {
    await call(encoding, 'CreateStream', { StreamName: 'tagged', ShardCount: 1 });
    expect(await call(encoding, 'AddTagsToStream', { StreamName: 'tagged', Tags: { k: '100%' } })).toEqual(
      error(encoding, 400, {
        __type: 'InvalidArgumentException',
        message:
          "Failed to add tags to stream tagged under account 000000000000 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
      }),
    );
  });

  it('reads the shard id before the stream, and names shards in their normal form [KIN-SHARD-ID-ORDER]', async () => {
    const iterator = (StreamName: string, ShardId: string) => call(encoding, 'GetShardIterator', { StreamName, ShardId, ShardIteratorType: 'LATEST' });
    expect(await iterator('absent', 'shard.odd')).toEqual(
      error(encoding, 400, { __type: 'ResourceNotFoundException', message: 'Could not find shard shard.odd in stream absent under account 000000000000.' }),
    );
    expect(await iterator('absent', 'shardId-5')).toEqual(
      error(encoding, 400, {
        __type: 'ResourceNotFoundException',
        message: 'Shard shardId-000000000005 in stream absent under account 000000000000 does not exist',
      }),
    );
    await call(encoding, 'CreateStream', { StreamName: 'present', ShardCount: 1 });
    expect(await iterator('present', '5')).toEqual(
      error(encoding, 400, {
        __type: 'ResourceNotFoundException',
        message: 'Shard shardId-000000000005 in stream present under account 000000000000 does not exist',
      }),
    );
    expect(await call(encoding, 'MergeShards', { StreamName: 'absent', ShardToMerge: 'shard.odd', AdjacentShardToMerge: 'shardId-000000000001' })).toEqual(
      error(encoding, 400, { __type: 'ResourceNotFoundException', message: 'Could not find shard shard.odd in stream absent under account 000000000000.' }),
    );
    expect(await call(encoding, 'SplitShard', { StreamName: 'present', ShardToSplit: 'shardId-7', NewStartingHashKey: '5' })).toEqual(
      error(encoding, 400, {
        __type: 'ResourceNotFoundException',
        message: 'Could not find shard shardId-000000000007 in stream present under account 000000000000.',
      }),
    );
  });

  it('refuses MergeShards of an adjacent pair given high shard first [KIN-MERGE-ORDER]', async () => {
    await call(encoding, 'CreateStream', { StreamName: 'pair', ShardCount: 2 });
    expect(
      await call(encoding, 'MergeShards', { StreamName: 'pair', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000000' }),
    ).toEqual(
      error(encoding, 400, {
        __type: 'InvalidArgumentException',
        message:
          'Shards shardId-000000000001 and shardId-000000000000 in stream pair under account 000000000000 are not an adjacent pair of shards eligible for merging',
      }),
    );
  });

  it.each([
    [4, 5, 15],
    [10, 13, 37],
    [5, 3, 7],
  ])('UpdateShardCount %i → %i lists %i shards, AWS’s lineage [KIN-UPDATE-SHARD-COUNT]', async (from, to, total) => {
    await call(encoding, 'CreateStream', { StreamName: 'scaled', ShardCount: from });
    expect(await call(encoding, 'UpdateShardCount', { StreamName: 'scaled', TargetShardCount: to, ScalingType: 'UNIFORM_SCALING' })).toMatchObject({
      status: 200,
    });
    const listed = (await call(encoding, 'ListShards', { StreamName: 'scaled' })).body as {
      Shards: { SequenceNumberRange: { EndingSequenceNumber?: string } }[];
    };
    expect(listed.Shards).toHaveLength(total);
    expect(listed.Shards.filter((s) => s.SequenceNumberRange.EndingSequenceNumber === undefined)).toHaveLength(to);
  });

  it('refuses UpdateShardCount on an ON_DEMAND stream [KIN-UPDATE-SHARD-COUNT]', async () => {
    await call(encoding, 'CreateStream', { StreamName: 'elastic', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    expect(await call(encoding, 'UpdateShardCount', { StreamName: 'elastic', TargetShardCount: 8, ScalingType: 'UNIFORM_SCALING' })).toEqual(
      error(encoding, 400, { __type: 'ValidationException', message: 'Request is invalid. Stream elastic under account 000000000000 is in On-Demand mode.' }),
    );
  });
});

describe('Kinesis fidelity: the encoding itself', () => {
  it('refuses Data that is not valid base64 with SerializationException and AWS’s message (JSON only: CBOR sends bytes) [KIN-BASE64]', async () => {
    await call('json', 'CreateStream', { StreamName: 'data', ShardCount: 1 });
    const put = (Data: string) => call('json', 'PutRecord', { StreamName: 'data', PartitionKey: 'p', Data });
    expect(await put('abc')).toEqual(
      error('json', 400, {
        __type: 'SerializationException',
        Message: "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3",
      }),
    );
    expect(await put('ab!c')).toEqual(
      error('json', 400, { __type: 'SerializationException', Message: "'ab!c' can not be converted to a Blob: Invalid Base64 character: '!'" }),
    );
    expect(await put('YR==')).toEqual(
      error('json', 400, {
        __type: 'SerializationException',
        Message: "'YR==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected",
      }),
    );
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no Content-Type', {}],
  ])('answers a Kinesis target with %s by Coral’s 404 <UnknownOperationException/> [KIN-CONTENT-TYPE]', async (_what, headers) => {
    const res = await fetch(`${t.server.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'Kinesis_20131202.ListStreams', ...headers },
      body: new Uint8Array(Buffer.from('{}')),
    });
    expect({ status: res.status, body: await res.text() }).toEqual({ status: 404, body: '<UnknownOperationException/>\n' });
  });

  it('keeps working through the SDK: CreateStream without output and UpdateShardCount lineage [KIN-EMPTY-BODY]', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'sdk', ShardCount: 4 }));
    await t.kinesis.send(new k.UpdateShardCountCommand({ StreamName: 'sdk', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' }));
    expect((await t.kinesis.send(new k.ListShardsCommand({ StreamName: 'sdk' }))).Shards).toHaveLength(15);
  });
});

describe('Kinesis fidelity: sequence numbers', () => {
  it.each(['json', 'cbor'] as const)(
    'refuses a SequenceNumberForOrdering that is not one, or is from the future, over %s [KIN-SEQUENCE-EDGES]',
    async (encoding) => {
      await call(encoding, 'CreateStream', { StreamName: 'ordered', ShardCount: 1 });
      const first = (await call(encoding, 'PutRecord', { StreamName: 'ordered', PartitionKey: 'p', Data: encoding === 'cbor' ? Buffer.from('a') : 'YQ==' }))
        .body as { SequenceNumber: string };
      const refused = (ordering: string) =>
        error(encoding, 400, {
          __type: 'InvalidArgumentException',
          message: `ExclusiveMinimumSequenceNumber ${ordering} used in PutRecord on stream ordered under account 000000000000 is invalid.`,
        });
      const put = (ordering: string) =>
        call(encoding, 'PutRecord', {
          StreamName: 'ordered',
          PartitionKey: 'p',
          Data: encoding === 'cbor' ? Buffer.from('b') : 'Yg==',
          SequenceNumberForOrdering: ordering,
        });
      expect(await put('12345')).toEqual(refused('12345'));
      // The same sequence number with its arrival time moved a day ahead (hex digits 29-37 hold the seconds).
      const hex = BigInt(first.SequenceNumber).toString(16);
      const future = BigInt(`0x${hex.slice(0, 29)}${(parseInt(hex.slice(29, 38), 16) + 86_400).toString(16).padStart(9, '0')}${hex.slice(38)}`).toString(10);
      expect(await put(future)).toEqual(refused(future));
      expect((await put(first.SequenceNumber)).status).toBe(200);
    },
  );
});
