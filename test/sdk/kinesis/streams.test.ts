import * as k from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import type { RunningServer } from '../../../src/server.js';
import { errorOf, kinesisClient, useKinesisServer, streamArn, TEST_ACCOUNT } from '../../support/kinesis-clients.js';
import { startTestServer } from '../../support/server.js';

const clock = new ManualClock();
const t = useKinesisServer({ clock });

const create = (name: string, shards = 1) => t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: shards }));

describe('Kinesis streams (JSON 1.1 over HTTP/2, as @aws-sdk/client-kinesis sends them)', () => {
  it('creates a stream whose shards split the 128-bit hash key space evenly', async () => {
    await create('orders', 4);
    const { StreamDescription: d } = await t.kinesis.send(new k.DescribeStreamCommand({ StreamName: 'orders' }));
    expect(d).toMatchObject({
      StreamName: 'orders',
      StreamARN: streamArn('orders'),
      StreamStatus: 'ACTIVE',
      RetentionPeriodHours: 24,
      HasMoreShards: false,
      EncryptionType: 'NONE',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    expect(d!.Shards!.map((s) => [s.ShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey])).toEqual([
      ['shardId-000000000000', '0', '85070591730234615865843651857942052863'],
      ['shardId-000000000001', '85070591730234615865843651857942052864', '170141183460469231731687303715884105727'],
      ['shardId-000000000002', '170141183460469231731687303715884105728', '255211775190703847597530955573826158591'],
      ['shardId-000000000003', '255211775190703847597530955573826158592', '340282366920938463463374607431768211455'],
    ]);
    expect(d!.Shards![0]!.SequenceNumberRange!.StartingSequenceNumber).toMatch(/^\d{56}$/);
    expect(d!.StreamCreationTimestamp!.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000);
  });

  it('refuses a second stream with the same name', async () => {
    await create('dup');
    expect(await errorOf(create('dup'))).toEqual({ name: 'ResourceInUseException', message: `Stream dup under account ${TEST_ACCOUNT} already exists.` });
  });

  it('reports a missing stream with AWS’s message', async () => {
    expect(await errorOf(t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'ghost' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Stream ghost under account ${TEST_ACCOUNT} not found.`,
    });
  });

  it('validates input with Coral’s messages, all constraint failures in one ValidationException', async () => {
    expect(await errorOf(t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'bad name!', ShardCount: 0 })))).toEqual({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(await errorOf(t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'x'.repeat(129), ShardCount: 1 })))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'x'.repeat(129)}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    });
  });

  it('accepts StreamARN instead of StreamName', async () => {
    await create('by-arn');
    const { StreamDescriptionSummary: s } = await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamARN: streamArn('by-arn') }));
    expect(s).toMatchObject({ StreamName: 'by-arn', OpenShardCount: 1, ConsumerCount: 0, MaxRecordSizeInKiB: 1024 });
  });

  it('answers InvalidArgumentException when neither StreamName nor StreamARN is given (unverified against AWS)', async () => {
    expect((await errorOf(t.kinesis.send(new k.DescribeStreamSummaryCommand({})))).name).toBe('InvalidArgumentException');
  });

  it('lists streams in name order with summaries and pages them', async () => {
    for (const name of ['c', 'a', 'b']) await create(name);
    const first = await t.kinesis.send(new k.ListStreamsCommand({ Limit: 2 }));
    expect(first).toMatchObject({ StreamNames: ['a', 'b'], HasMoreStreams: true });
    expect(first.StreamSummaries!.map((s) => [s.StreamName, s.StreamARN, s.StreamStatus])).toEqual([
      ['a', streamArn('a'), 'ACTIVE'],
      ['b', streamArn('b'), 'ACTIVE'],
    ]);
    const second = await t.kinesis.send(new k.ListStreamsCommand({ NextToken: first.NextToken! }));
    expect(second).toMatchObject({ StreamNames: ['c'], HasMoreStreams: false });
    expect((await t.kinesis.send(new k.ListStreamsCommand({ ExclusiveStartStreamName: 'a' }))).StreamNames).toEqual(['b', 'c']);
  });

  it('pages DescribeStream shards with Limit and ExclusiveStartShardId', async () => {
    await create('paged', 3);
    const page = await t.kinesis.send(new k.DescribeStreamCommand({ StreamName: 'paged', Limit: 2 }));
    expect(page.StreamDescription!.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(page.StreamDescription!.HasMoreShards).toBe(true);
    const rest = await t.kinesis.send(new k.DescribeStreamCommand({ StreamName: 'paged', ExclusiveStartShardId: 'shardId-000000000001' }));
    expect(rest.StreamDescription!.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000002']);
  });

  it('deletes a stream', async () => {
    await create('gone');
    await t.kinesis.send(new k.DeleteStreamCommand({ StreamName: 'gone' }));
    expect((await t.kinesis.send(new k.ListStreamsCommand({}))).StreamNames).toEqual([]);
  });

  it('creates ON_DEMAND streams with 4 shards and switches modes', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const summary = await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'od' }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ OpenShardCount: 4, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    await t.kinesis.send(new k.UpdateStreamModeCommand({ StreamARN: streamArn('od'), StreamModeDetails: { StreamMode: 'PROVISIONED' } }));
    expect((await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary!.StreamModeDetails!.StreamMode).toBe(
      'PROVISIONED',
    );
    expect(await t.kinesis.send(new k.DescribeLimitsCommand({}))).toMatchObject({
      ShardLimit: 500,
      OpenShardCount: 4,
      OnDemandStreamCount: 0,
      OnDemandStreamCountLimit: 50,
    });
  });

  it('changes the retention period within 24–8760 hours, in the right direction only', async () => {
    await create('keep');
    await t.kinesis.send(new k.IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 48 }));
    expect((await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'keep' }))).StreamDescriptionSummary!.RetentionPeriodHours).toBe(48);
    expect(await errorOf(t.kinesis.send(new k.IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 36 })))).toEqual({
      name: 'InvalidArgumentException',
      message:
        'Requested retention period (36 hours) for stream keep can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
    });
    expect(await errorOf(t.kinesis.send(new k.DecreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 23 })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
    });
    expect((await errorOf(t.kinesis.send(new k.IncreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 8761 })))).name).toBe(
      'InvalidArgumentException',
    );
    await t.kinesis.send(new k.DecreaseStreamRetentionPeriodCommand({ StreamName: 'keep', RetentionPeriodHours: 24 }));
  });

  it('starts and stops KMS encryption', async () => {
    await create('secret');
    await t.kinesis.send(new k.StartStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    expect((await t.kinesis.send(new k.DescribeStreamCommand({ StreamName: 'secret' }))).StreamDescription).toMatchObject({
      EncryptionType: 'KMS',
      KeyId: 'alias/aws/kinesis',
    });
    await t.kinesis.send(new k.StopStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    expect((await t.kinesis.send(new k.DescribeStreamCommand({ StreamName: 'secret' }))).StreamDescription!.EncryptionType).toBe('NONE');
  });

  it('enables and disables enhanced monitoring, answering the metrics before and after', async () => {
    await create('watched');
    const on = await t.kinesis.send(new k.EnableEnhancedMonitoringCommand({ StreamName: 'watched', ShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] }));
    expect(on).toMatchObject({ StreamName: 'watched', CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'] });
    const off = await t.kinesis.send(new k.DisableEnhancedMonitoringCommand({ StreamName: 'watched', ShardLevelMetrics: ['IncomingBytes'] }));
    expect(off).toMatchObject({ CurrentShardLevelMetrics: ['IncomingBytes', 'OutgoingRecords'], DesiredShardLevelMetrics: ['OutgoingRecords'] });
    expect((await errorOf(t.kinesis.send(new k.EnableEnhancedMonitoringCommand({ StreamName: 'watched', ShardLevelMetrics: ['Bogus' as never] })))).name).toBe(
      'ValidationException',
    );
  });

  it('tags streams by name and by ARN', async () => {
    await create('tagged');
    await t.kinesis.send(new k.AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { b: '2', a: '1' } }));
    await t.kinesis.send(new k.TagResourceCommand({ ResourceARN: streamArn('tagged'), Tags: { c: '3' } }));
    expect(await t.kinesis.send(new k.ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 2 }))).toMatchObject({
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      HasMoreTags: true,
    });
    await t.kinesis.send(new k.RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['a'] }));
    await t.kinesis.send(new k.UntagResourceCommand({ ResourceARN: streamArn('tagged'), TagKeys: ['b'] }));
    expect((await t.kinesis.send(new k.ListTagsForResourceCommand({ ResourceARN: streamArn('tagged') }))).Tags).toEqual([{ Key: 'c', Value: '3' }]);
  });

  it('keeps resource policies per stream, and needs the stream to exist', async () => {
    await create('shared');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await t.kinesis.send(new k.PutResourcePolicyCommand({ ResourceARN: streamArn('shared'), Policy: policy }));
    expect((await t.kinesis.send(new k.GetResourcePolicyCommand({ ResourceARN: streamArn('shared') }))).Policy).toBe(policy);
    await t.kinesis.send(new k.DeleteResourcePolicyCommand({ ResourceARN: streamArn('shared') }));
    expect((await t.kinesis.send(new k.GetResourcePolicyCommand({ ResourceARN: streamArn('shared') }))).Policy).toBe('{}');
    expect((await errorOf(t.kinesis.send(new k.GetResourcePolicyCommand({ ResourceARN: streamArn('nope') })))).name).toBe('ResourceNotFoundException');
  });

  it('reports and updates account settings', async () => {
    expect((await t.kinesis.send(new k.DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment).toEqual({ Status: 'DISABLED' });
    const updated = await t.kinesis.send(new k.UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }));
    expect(updated.MinimumThroughputBillingCommitment!.Status).toBe('ENABLED');
    expect((await t.kinesis.send(new k.DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment!.StartedAt).toBeInstanceOf(Date);
  });

  it('updates the maximum record size within 1024–10240 KiB', async () => {
    await create('big');
    await t.kinesis.send(new k.UpdateMaxRecordSizeCommand({ StreamARN: streamArn('big'), MaxRecordSizeInKiB: 10240 }));
    expect((await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamName: 'big' }))).StreamDescriptionSummary!.MaxRecordSizeInKiB).toBe(10240);
    expect((await errorOf(t.kinesis.send(new k.UpdateMaxRecordSizeCommand({ StreamARN: streamArn('big'), MaxRecordSizeInKiB: 10241 })))).name).toBe(
      'ValidationException',
    );
  });

  it('sets warm throughput on ON_DEMAND streams only (unverified against AWS)', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'warm', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const out = await t.kinesis.send(new k.UpdateStreamWarmThroughputCommand({ StreamName: 'warm', WarmThroughputMiBps: 100 }));
    expect(out).toMatchObject({ StreamName: 'warm', WarmThroughput: { TargetMiBps: 100 } });
    await create('cold');
    expect((await errorOf(t.kinesis.send(new k.UpdateStreamWarmThroughputCommand({ StreamName: 'cold', WarmThroughputMiBps: 100 })))).name).toBe(
      'InvalidArgumentException',
    );
  });

  it('refuses streams beyond the account’s shard limit with LimitExceededException', async () => {
    const err = await errorOf(create('huge', 501));
    expect(err.name).toBe('LimitExceededException');
    expect(err.message).toMatch(
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: 0\. Limit: 500\./,
    );
  });
});

describe('Kinesis stream status transitions (configured delays, on the clock)', () => {
  let slow: RunningServer;
  let client: k.KinesisClient;
  beforeAll(async () => {
    slow = await startTestServer({ clock, config: { kinesisCreateDelayMs: 500, kinesisDeleteDelayMs: 500, kinesisUpdateDelayMs: 500 } });
    client = kinesisClient(slow);
  });
  afterAll(async () => {
    client.destroy();
    await slow.close();
  });
  const status = async (name: string) => (await client.send(new k.DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamStatus;

  it('goes CREATING → ACTIVE → UPDATING → ACTIVE → DELETING → gone', async () => {
    await client.send(new k.CreateStreamCommand({ StreamName: 'slow', ShardCount: 2 }));
    expect(await status('slow')).toBe('CREATING');
    expect(
      await errorOf(client.send(new k.SplitShardCommand({ StreamName: 'slow', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '100' }))),
    ).toEqual({
      name: 'ResourceInUseException',
      message: `Stream slow under account ${TEST_ACCOUNT} not ACTIVE, instead in state CREATING`,
    });
    clock.advance(500);
    expect(await status('slow')).toBe('ACTIVE');
    await client.send(new k.UpdateShardCountCommand({ StreamName: 'slow', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    expect(await status('slow')).toBe('UPDATING');
    clock.advance(500);
    expect(await status('slow')).toBe('ACTIVE');
    await client.send(new k.DeleteStreamCommand({ StreamName: 'slow' }));
    expect(await status('slow')).toBe('DELETING');
    clock.advance(500);
    expect((await errorOf(status('slow'))).name).toBe('ResourceNotFoundException');
  });
});
