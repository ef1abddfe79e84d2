import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, counts, expectAwsError, queueKey, REGION, receiveOne, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('SQS queues', () => {
  let f: EngineFixture;
  beforeEach(() => {
    f = startEngine();
  });
  afterEach(() => f.close());

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
  describe('CreateQueue', () => {
    const q = queueKey('jobs');

    it('returns the existing queue when called again with the same attributes or none', () => {
      const created = f.sqs.createQueue(q, { VisibilityTimeout: '60', DelaySeconds: '5' }, {});
      send(f.sqs, q, 'kept');
      expect(f.sqs.createQueue(q, { VisibilityTimeout: '60', DelaySeconds: '5' }, {}).id).toBe(created.id);
      expect(f.sqs.createQueue(q, { DelaySeconds: '5' }, {}).id).toBe(created.id);
      expect(f.sqs.createQueue(q, {}, {}).id).toBe(created.id);
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
    });

    it('refuses the same name with a different value for an attribute, naming the attribute', () => {
      f.sqs.createQueue(q, { VisibilityTimeout: '60' }, {});
      expectAwsError(
        () => f.sqs.createQueue(q, { VisibilityTimeout: '61' }, {}),
        'QueueNameExists',
        'A queue already exists with the same name and a different value for attribute VisibilityTimeout',
      );
      // Asking explicitly for the default differs from a queue that has another value.
      f.sqs.createQueue(queueKey('delayed'), { DelaySeconds: '5' }, {});
      expectAwsError(
        () => f.sqs.createQueue(queueKey('delayed'), { DelaySeconds: '0' }, {}),
        'QueueNameExists',
        'A queue already exists with the same name and a different value for attribute DelaySeconds',
      );
    });

    it('compares against the current attributes, after SetQueueAttributes', () => {
      f.sqs.createQueue(q, {}, {});
      f.sqs.setQueueAttributes(q, { VisibilityTimeout: '90' });
      f.sqs.createQueue(q, { VisibilityTimeout: '90' }, {});
      expectAwsError(() => f.sqs.createQueue(q, { VisibilityTimeout: '30' }, {}), 'QueueNameExists');
    });

    it('gives a new queue the default attributes, exactly the twelve that AWS returns for All', () => {
      f.sqs.createQueue(q, {}, {});
      expect(f.sqs.getQueueAttributes(q, ['All'])).toEqual({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        CreatedTimestamp: seconds(T0),
        DelaySeconds: '0',
        LastModifiedTimestamp: seconds(T0),
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '345600',
        QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
        ReceiveMessageWaitTimeSeconds: '0',
        SqsManagedSseEnabled: 'true',
        VisibilityTimeout: '30',
      });
    });

    it('returns only the attributes asked for, leaving out ones that are not set', () => {
      f.sqs.createQueue(q, { DelaySeconds: '7' }, {});
      expect(f.sqs.getQueueAttributes(q, ['DelaySeconds', 'Policy', 'QueueArn'])).toEqual({
        DelaySeconds: '7',
        QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
      });
      expect(f.sqs.getQueueAttributes(q, [])).toEqual({});
    });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
  describe('attribute validation', () => {
    const q = queueKey('validated');
    const invalid: [string, string][] = [
      ['DelaySeconds', '901'],
      ['DelaySeconds', '-1'],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['MessageRetentionPeriod', '59'],
      ['MessageRetentionPeriod', '1209601'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['VisibilityTimeout', '43201'],
      ['VisibilityTimeout', 'thirty'],
      ['VisibilityTimeout', '30.5'],
      ['VisibilityTimeout', ''],
      ['VisibilityTimeout', ' 6'],
      ['VisibilityTimeout', '+6'],
      ['KmsDataKeyReusePeriodSeconds', '59'],
      ['SqsManagedSseEnabled', 'yes'],
      ['Policy', '{not json'],
    ];

    it.each(invalid)('refuses %s=%j with InvalidAttributeValue, on create and on set', (name, value) => {
      expectAwsError(() => f.sqs.createQueue(q, { [name]: value }, {}), 'InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
      expect(f.sqs.listQueues(ACCOUNT, REGION, '', '', 10)).toEqual([]);
      f.sqs.createQueue(q, {}, {});
      expectAwsError(() => f.sqs.setQueueAttributes(q, { [name]: value }), 'InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
    });

    it('accepts the bounds themselves', () => {
      f.sqs.createQueue(
        q,
        { DelaySeconds: '900', MaximumMessageSize: '1024', MessageRetentionPeriod: '60', ReceiveMessageWaitTimeSeconds: '20', VisibilityTimeout: '43200' },
        {},
      );
      f.sqs.setQueueAttributes(q, {
        DelaySeconds: '0',
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '1209600',
        ReceiveMessageWaitTimeSeconds: '0',
        VisibilityTimeout: '0',
      });
      expect(
        f.sqs.getQueueAttributes(q, ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout']),
      ).toEqual({
        DelaySeconds: '0',
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '1209600',
        ReceiveMessageWaitTimeSeconds: '0',
        VisibilityTimeout: '0',
      });
    });

    it.each(['Colour', 'ApproximateNumberOfMessages', 'QueueArn', 'visibilitytimeout'])(
      'refuses the unknown or read-only attribute %s with InvalidAttributeName',
      (name) => {
        expectAwsError(() => f.sqs.createQueue(q, { [name]: '1' }, {}), 'InvalidAttributeName', `Unknown Attribute ${name}.`);
        f.sqs.createQueue(q, {}, {});
        expectAwsError(() => f.sqs.setQueueAttributes(q, { [name]: '1' }), 'InvalidAttributeName', `Unknown Attribute ${name}.`);
      },
    );

    it('stores a Policy document and removes it when set to an empty string', () => {
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
      f.sqs.createQueue(q, { Policy: policy }, {});
      expect(f.sqs.getQueueAttributes(q, ['Policy'])).toEqual({ Policy: policy });
      f.sqs.setQueueAttributes(q, { Policy: '' });
      expect(f.sqs.getQueueAttributes(q, ['Policy'])).toEqual({});
      expect(f.sqs.getQueueAttributes(q, ['All']).Policy).toBeUndefined();
    });

    it('changes nothing when one attribute of a SetQueueAttributes call is invalid', () => {
      f.sqs.createQueue(q, {}, {});
      expectAwsError(() => f.sqs.setQueueAttributes(q, { VisibilityTimeout: '40', DelaySeconds: '901' }), 'InvalidAttributeValue');
      expect(f.sqs.getQueueAttributes(q, ['VisibilityTimeout', 'DelaySeconds'])).toEqual({ VisibilityTimeout: '30', DelaySeconds: '0' });
    });

    it('updates LastModifiedTimestamp (in seconds) on SetQueueAttributes and keeps CreatedTimestamp', () => {
      f.sqs.createQueue(q, {}, {});
      f.clock.advance(5_500); // T0 has 250 ms, so this lands at .750: rounding would say one second more
      f.sqs.setQueueAttributes(q, { VisibilityTimeout: '40' });
      expect(f.sqs.getQueueAttributes(q, ['CreatedTimestamp', 'LastModifiedTimestamp', 'VisibilityTimeout'])).toEqual({
        CreatedTimestamp: seconds(T0),
        LastModifiedTimestamp: seconds(T0 + 5_500),
        VisibilityTimeout: '40',
      });
      expect(Number(seconds(T0 + 5_500)) - Number(seconds(T0))).toBe(5);
    });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html
  describe('DeleteQueue', () => {
    const q = queueKey('doomed');

    it('deletes the queue and its messages', () => {
      f.sqs.createQueue(q, {}, {});
      send(f.sqs, q, 'm');
      f.sqs.deleteQueue(q);
      expectAwsError(() => f.sqs.getQueueAttributes(q, ['All']), 'QueueDoesNotExist', 'The specified queue does not exist.');
      expectAwsError(() => send(f.sqs, q, 'm'), 'QueueDoesNotExist');
      expectAwsError(() => f.sqs.deleteQueue(q), 'QueueDoesNotExist');
      expect(f.sqs.listQueues(ACCOUNT, REGION, '', '', 10)).toEqual([]);
    });

    it('refuses to create a queue with the same name for 60 seconds, then creates a fresh one', async () => {
      f.sqs.createQueue(q, { VisibilityTimeout: '60' }, {});
      send(f.sqs, q, 'old');
      f.sqs.deleteQueue(q);
      f.clock.advance(59_999);
      expectAwsError(
        () => f.sqs.createQueue(q, {}, {}),
        'QueueDeletedRecently',
        'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      );
      f.clock.advance(1);
      f.sqs.createQueue(q, {}, {});
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
      expect(f.sqs.getQueueAttributes(q, ['VisibilityTimeout', 'CreatedTimestamp'])).toEqual({
        VisibilityTimeout: '30',
        CreatedTimestamp: seconds(T0 + 60_000),
      });
    });

    it('does not hold back the same name in another account or region, nor another name', () => {
      f.sqs.createQueue(q, {}, {});
      f.sqs.deleteQueue(q);
      f.sqs.createQueue(queueKey('doomed', '210987654321'), {}, {});
      f.sqs.createQueue(queueKey('doomed', ACCOUNT, 'eu-west-1'), {}, {});
      f.sqs.createQueue(queueKey('doomed-2'), {}, {});
    });

    it('does not let a receipt handle from before touch a message of a new queue with the same name', async () => {
      f.sqs.createQueue(q, {}, {});
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.sqs.deleteQueue(q);
      f.clock.advance(60_000);
      f.sqs.createQueue(q, {}, {});
      send(f.sqs, q, 'new');
      await receiveOne(f.sqs, q);
      // AWS's answer to such a handle is not recorded (ReceiptHandleIsInvalid or a quiet success);
      // what matters is that the new queue's message is neither deleted nor made visible.
      try {
        f.sqs.deleteMessage(q, receiptHandle);
      } catch (err) {
        expect((err as { code?: string }).code).toBe('ReceiptHandleIsInvalid');
      }
      expect(() => f.sqs.changeMessageVisibility(q, receiptHandle, 0)).toThrow();
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    });
  });

  describe('isolation between accounts and regions', () => {
    const home = queueKey('shared');
    const otherAccount = queueKey('shared', '210987654321');
    const otherRegion = queueKey('shared', ACCOUNT, 'eu-west-1');

    beforeEach(() => {
      // Different attributes would be QueueNameExists if these were one queue.
      f.sqs.createQueue(home, { VisibilityTimeout: '10' }, {});
      f.sqs.createQueue(otherAccount, { VisibilityTimeout: '20' }, {});
      f.sqs.createQueue(otherRegion, { VisibilityTimeout: '40' }, {});
    });

    it('keeps queues of the same name apart', async () => {
      send(f.sqs, home, 'home');
      send(f.sqs, otherRegion, 'eu');
      send(f.sqs, otherRegion, 'eu');
      expect(counts(f.sqs, home).visible).toBe(1);
      expect(counts(f.sqs, otherAccount).visible).toBe(0);
      expect(counts(f.sqs, otherRegion).visible).toBe(2);
      expect((await receiveOne(f.sqs, home)).body).toBe('home');
      expect(f.sqs.getQueueAttributes(otherAccount, ['VisibilityTimeout', 'QueueArn'])).toEqual({
        VisibilityTimeout: '20',
        QueueArn: 'arn:aws:sqs:us-east-1:210987654321:shared',
      });
      expect(f.sqs.getQueueAttributes(otherRegion, ['QueueArn'])).toEqual({ QueueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:shared` });
    });

    it('lists only the queues of the asking account and region', () => {
      f.sqs.createQueue(queueKey('mine'), {}, {});
      expect(f.sqs.listQueues(ACCOUNT, REGION, '', '', 10)).toEqual(['mine', 'shared']);
      expect(f.sqs.listQueues('210987654321', REGION, '', '', 10)).toEqual(['shared']);
      expect(f.sqs.listQueues(ACCOUNT, 'eu-west-1', '', '', 10)).toEqual(['shared']);
      expect(f.sqs.listQueues(ACCOUNT, 'ap-south-1', '', '', 10)).toEqual([]);
    });

    it('deletes and purges only the addressed queue', () => {
      send(f.sqs, otherAccount, 'm');
      send(f.sqs, otherRegion, 'm');
      f.sqs.purgeQueue(otherAccount);
      expect(counts(f.sqs, otherRegion).visible).toBe(1);
      f.sqs.purgeQueue(otherRegion); // no PurgeQueueInProgress from the other account's purge
      f.sqs.deleteQueue(home);
      expect(f.sqs.getQueue(otherAccount).key).toEqual(otherAccount);
      expect(f.sqs.getQueue(otherRegion).key).toEqual(otherRegion);
    });

    it('refuses a receipt handle from the same-named queue of another account', async () => {
      send(f.sqs, otherAccount, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, otherAccount);
      expectAwsError(() => f.sqs.deleteMessage(home, receiptHandle), 'ReceiptHandleIsInvalid');
      expectAwsError(() => f.sqs.changeMessageVisibility(otherRegion, receiptHandle, 0), 'ReceiptHandleIsInvalid');
      expect(counts(f.sqs, otherAccount).notVisible).toBe(1);
    });
  });
});
