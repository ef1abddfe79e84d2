import { randomUUID } from 'node:crypto';
import { queueKeyOfArn } from '../../../arn.js';
import type { SqsEngine } from './sqs-engine.js';
import type { QueueKey, ReceivedMessage } from './types.js';

/** A queue as a Lambda event source mapping sees it. */
export interface EventSourceQueue {
  key: QueueKey;
  arn: string;
  fifo: boolean;
}

/**
 * What SQS offers Lambda event source mappings (STYLE habit 8): find a queue by ARN, receive
 * with every attribute as Lambda's pollers do, and delete or release what a function processed.
 * The mapping sees nothing else of SQS.
 */
export interface SqsEventSourcePort {
  queueByArn(arn: string): EventSourceQueue | undefined;
  /** Long-polls up to `waitSeconds`; empty when the wait ends, the signal aborts or the queue is gone. */
  receive(queue: EventSourceQueue, maxMessages: number, waitSeconds: number, signal: AbortSignal): Promise<ReceivedMessage[]>;
  /** Deletes a processed message; a message already gone or received again is left as it is. */
  deleteMessage(queue: EventSourceQueue, receiptHandle: string): void;
  /** Sends a record to a queue (a mapping's on-failure destination); false when the queue does not take it. */
  sendRecord(queueArn: string, body: string, senderId: string): boolean;
}

export function sqsEventSourcePort(sqs: SqsEngine): SqsEventSourcePort {
  return {
    queueByArn(arn) {
      const key = queueKeyOfArn(arn);
      if (!key) return undefined;
      try {
        const queue = sqs.getQueue(key);
        return { key, arn: queue.arn, fifo: queue.settings.fifo !== undefined };
      } catch {
        return undefined;
      }
    },
    async receive(queue, maxMessages, waitSeconds, signal) {
      try {
        return await sqs.receiveMessages(queue.key, {
          maxMessages,
          waitTimeSeconds: waitSeconds,
          systemAttributeNames: ['All'],
          messageAttributeNames: ['All'],
          signal,
        });
      } catch {
        return []; // the queue was deleted: the mapping keeps polling, as AWS's does, and finds nothing
      }
    },
    sendRecord(queueArn, body, senderId) {
      const key = queueKeyOfArn(queueArn);
      if (!key) return false;
      try {
        sqs.sendMessage(key, { body, senderId, ...(queueArn.endsWith('.fifo') ? { messageGroupId: 'lambda-on-failure', deduplicationId: randomUUID() } : {}) });
        return true;
      } catch {
        return false;
      }
    },
    deleteMessage(queue, receiptHandle) {
      try {
        sqs.deleteMessage(queue.key, receiptHandle);
      } catch {
        // An expired FIFO handle or a deleted queue: the message is redelivered or gone, as on AWS.
      }
    },
  };
}
