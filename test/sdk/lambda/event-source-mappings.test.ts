import * as k from '@aws-sdk/client-kinesis';
import * as l from '@aws-sdk/client-lambda';
import * as s from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { errorOf, functionArn, queueArn, streamArn, TEST_ACCOUNT, TEST_REGION, useLambdaServer } from '../../support/lambda-clients.js';

const clock = new ManualClock();
const t = useLambdaServer({ clock });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const createQueue = (name: string, attributes: Record<string, string> = {}) =>
  t.sqs.send(new s.CreateQueueCommand({ QueueName: name, Attributes: attributes }));
const createStream = (name: string) => t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
const create = (input: Partial<l.CreateEventSourceMappingCommandInput>) =>
  t.lambda.send(new l.CreateEventSourceMappingCommand({ FunctionName: 'orders-consumer', ...input }));

describe('Lambda event source mappings (REST-JSON, as @aws-sdk/client-lambda sends them)', () => {
  it('creates an SQS mapping with AWS’s defaults and answers it in the Creating state', async () => {
    await createQueue('orders');
    const created = await create({ EventSourceArn: queueArn('orders') });
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.UUID).toMatch(UUID);
    expect(created).toMatchObject({
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      EventSourceArn: queueArn('orders'),
      FunctionArn: functionArn('orders-consumer'),
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:event-source-mapping:${created.UUID}`,
    });
    expect(created.LastModified!.getTime()).toBe(clock.now());
    // SQS mappings carry none of the stream members.
    expect(created.StartingPosition).toBeUndefined();
    expect(created.LastProcessingResult).toBeUndefined();
    expect(created.ParallelizationFactor).toBeUndefined();
  });

  it('shows a created mapping as Enabled on the next read, or Disabled when created with Enabled false', async () => {
    await createQueue('a');
    await createQueue('b');
    const enabled = await create({ EventSourceArn: queueArn('a') });
    const disabled = await create({ EventSourceArn: queueArn('b'), Enabled: false });
    expect((await t.lambda.send(new l.GetEventSourceMappingCommand({ UUID: enabled.UUID }))).State).toBe('Enabled');
    expect((await t.lambda.send(new l.GetEventSourceMappingCommand({ UUID: disabled.UUID }))).State).toBe('Disabled');
  });

  it('creates a Kinesis mapping with the stream defaults and LastProcessingResult', async () => {
    await createStream('clicks');
    const created = await create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'TRIM_HORIZON' });
    expect(created).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'User action',
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
    });
  });

  it('keeps AT_TIMESTAMP’s StartingPositionTimestamp', async () => {
    await createStream('clicks');
    const at = new Date(Date.UTC(2026, 0, 1, 12));
    const created = await create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: at });
    expect(created.StartingPositionTimestamp!.getTime()).toBe(at.getTime());
  });

  it('updates a mapping: Updating, Disabling and Enabling are answered by the call, then the state settles', async () => {
    await createQueue('orders');
    const { UUID: uuid } = await create({ EventSourceArn: queueArn('orders') });
    const update = (input: Partial<l.UpdateEventSourceMappingCommandInput>) => t.lambda.send(new l.UpdateEventSourceMappingCommand({ UUID: uuid, ...input }));
    const resized = await update({ BatchSize: 5 });
    expect(resized.$metadata.httpStatusCode).toBe(202);
    expect(resized).toMatchObject({ State: 'Updating', BatchSize: 5 });
    expect(await update({ Enabled: false })).toMatchObject({ State: 'Disabling' });
    expect((await t.lambda.send(new l.GetEventSourceMappingCommand({ UUID: uuid }))).State).toBe('Disabled');
    expect(await update({ Enabled: true })).toMatchObject({ State: 'Enabling' });
    expect((await t.lambda.send(new l.GetEventSourceMappingCommand({ UUID: uuid }))).State).toBe('Enabled');
  });

  it('deletes a mapping (answered Deleting); reading it then is ResourceNotFoundException', async () => {
    await createQueue('orders');
    const { UUID: uuid } = await create({ EventSourceArn: queueArn('orders') });
    const deleted = await t.lambda.send(new l.DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted).toMatchObject({ UUID: uuid, State: 'Deleting' });
    expect(await errorOf(t.lambda.send(new l.GetEventSourceMappingCommand({ UUID: uuid })))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
      status: 404,
    });
  });

  it('lists mappings by event source or function, in pages', async () => {
    await createQueue('a');
    await createQueue('b');
    const first = await create({ EventSourceArn: queueArn('a') });
    const second = await create({ EventSourceArn: queueArn('b') });
    const third = await create({ EventSourceArn: queueArn('a'), FunctionName: 'audit' });
    const list = (input: l.ListEventSourceMappingsCommandInput) => t.lambda.send(new l.ListEventSourceMappingsCommand(input));
    expect((await list({})).EventSourceMappings!.map((m) => m.UUID)).toEqual([first.UUID, second.UUID, third.UUID]);
    expect((await list({ EventSourceArn: queueArn('a') })).EventSourceMappings!.map((m) => m.UUID)).toEqual([first.UUID, third.UUID]);
    expect((await list({ FunctionName: functionArn('audit') })).EventSourceMappings!.map((m) => m.UUID)).toEqual([third.UUID]);
    const page1 = await list({ MaxItems: 2 });
    expect(page1.EventSourceMappings!.map((m) => m.UUID)).toEqual([first.UUID, second.UUID]);
    const page2 = await list({ MaxItems: 2, Marker: page1.NextMarker });
    expect(page2.EventSourceMappings!.map((m) => m.UUID)).toEqual([third.UUID]);
    expect(page2.NextMarker).toBeUndefined();
  });

  it('tags a mapping by its ARN', async () => {
    await createQueue('orders');
    const { EventSourceMappingArn: arn } = await create({ EventSourceArn: queueArn('orders'), Tags: { team: 'payments' } });
    await t.lambda.send(new l.TagResourceCommand({ Resource: arn, Tags: { env: 'test' } }));
    expect((await t.lambda.send(new l.ListTagsCommand({ Resource: arn }))).Tags).toEqual({ team: 'payments', env: 'test' });
    await t.lambda.send(new l.UntagResourceCommand({ Resource: arn, TagKeys: ['team'] }));
    expect((await t.lambda.send(new l.ListTagsCommand({ Resource: arn }))).Tags).toEqual({ env: 'test' });
  });
});

describe('Lambda event source mapping errors', () => {
  it('refuses a second mapping of the same queue and function (ResourceConflictException, 409)', async () => {
    await createQueue('orders');
    const { UUID: uuid } = await create({ EventSourceArn: queueArn('orders') });
    expect(await errorOf(create({ EventSourceArn: queueArn('orders') }))).toEqual({
      name: 'ResourceConflictException',
      message: `An event source mapping with SQS arn (" ${queueArn('orders')} ") and function (" orders-consumer ") already exists. Please update or delete the existing mapping with UUID ${uuid}`,
      status: 409,
    });
  });

  it('refuses a second mapping of the same stream and function with the stream wording', async () => {
    await createStream('clicks');
    const { UUID: uuid } = await create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'LATEST' });
    expect(await errorOf(create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'LATEST' }))).toEqual({
      name: 'ResourceConflictException',
      message: `The event source arn (" ${streamArn('clicks')} ") and function (" orders-consumer ") provided mapping already exists. Please update or delete the existing mapping with UUID ${uuid}`,
      status: 409,
    });
  });

  it('requires a batching window for an SQS batch size above 10', async () => {
    await createQueue('orders');
    expect(await errorOf(create({ EventSourceArn: queueArn('orders'), BatchSize: 11 }))).toEqual({
      name: 'InvalidParameterValueException',
      message: 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
      status: 400,
    });
    expect((await create({ EventSourceArn: queueArn('orders'), BatchSize: 10_000, MaximumBatchingWindowInSeconds: 1 })).BatchSize).toBe(10_000);
  });

  it('refuses a batching window on a FIFO queue', async () => {
    await createQueue('orders.fifo', { FifoQueue: 'true' });
    expect(await errorOf(create({ EventSourceArn: queueArn('orders.fifo'), BatchSize: 5, MaximumBatchingWindowInSeconds: 5 }))).toEqual({
      name: 'InvalidParameterValueException',
      message: 'Batching window is not supported for FIFO queues',
      status: 400,
    });
  });

  it('refuses a FIFO batch size above 10 (message unverified against AWS)', async () => {
    await createQueue('orders.fifo', { FifoQueue: 'true' });
    expect(await errorOf(create({ EventSourceArn: queueArn('orders.fifo'), BatchSize: 11 }))).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Batch size must not exceed 10 for FIFO queues',
    });
  });

  it('checks batch sizes against the model’s 1–10,000 with Coral’s ValidationException', async () => {
    await createStream('clicks');
    expect(await errorOf(create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'LATEST', BatchSize: 10_001 }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000",
      status: 400,
    });
    expect((await errorOf(create({ EventSourceArn: streamArn('clicks'), StartingPosition: 'LATEST', BatchSize: 0 }))).message).toBe(
      "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('requires StartingPosition for a stream', async () => {
    await createStream('clicks');
    expect(await errorOf(create({ EventSourceArn: streamArn('clicks') }))).toEqual({
      name: 'InvalidParameterValueException',
      message: "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
      status: 400,
    });
  });

  it('refuses stream-only settings on an SQS mapping (message unverified against AWS)', async () => {
    await createQueue('orders');
    expect(await errorOf(create({ EventSourceArn: queueArn('orders'), StartingPosition: 'LATEST' }))).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Unsupported StartingPosition parameter for given event source mapping type.',
    });
  });

  it('refuses a queue that does not exist, in the words of SQS’s error (unverified against AWS)', async () => {
    expect(await errorOf(create({ EventSourceArn: queueArn('ghost') }))).toMatchObject({
      name: 'InvalidParameterValueException',
      message:
        'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.',
    });
  });

  it('refuses a mapping without an event source, and a source that is neither a queue nor a stream', async () => {
    expect(await errorOf(create({}))).toMatchObject({ name: 'InvalidParameterValueException', message: 'Unrecognized event source.' });
    const table = `arn:aws:dynamodb:${TEST_REGION}:${TEST_ACCOUNT}:table/t`;
    expect(await errorOf(create({ EventSourceArn: table }))).toMatchObject({
      name: 'InvalidParameterValueException',
      message: `Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : ${table}`,
    });
  });

  it('refuses an invalid filter pattern', async () => {
    await createQueue('orders');
    expect(await errorOf(create({ EventSourceArn: queueArn('orders'), FilterCriteria: { Filters: [{ Pattern: 'not json' }] } }))).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Invalid filter pattern definition.',
    });
  });

  it('answers ResourceNotFoundException for an unknown UUID on update and delete', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(await errorOf(t.lambda.send(new l.UpdateEventSourceMappingCommand({ UUID: ghost, BatchSize: 1 })))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    });
    expect(await errorOf(t.lambda.send(new l.DeleteEventSourceMappingCommand({ UUID: ghost })))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });

  it('says clearly that wharf does not host functions when asked for any other Lambda operation', async () => {
    const error = await errorOf(t.lambda.send(new l.InvokeCommand({ FunctionName: 'orders-consumer', Payload: Buffer.from('{}') })));
    expect(error).toMatchObject({ name: 'NotImplemented', status: 501 });
    expect(error.message).toContain('wharf does not host Lambda functions, so Invoke is not available');
    expect((await errorOf(t.lambda.send(new l.CreateFunctionCommand({ FunctionName: 'f', Role: 'r', Code: {} })))).message).toContain(
      'so CreateFunction is not available',
    );
    expect((await errorOf(t.lambda.send(new l.ListFunctionsCommand({})))).name).toBe('NotImplemented');
  });
});
