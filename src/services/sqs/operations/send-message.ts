import { queueKeyFromUrl } from '../queue-url.js';
import { checkFifoSend, toMessageToSend } from './message-input.js';
import type { SqsOperation } from './types.js';

export const sendMessage: SqsOperation<'SendMessage'> = (engine, input, ctx) => {
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  const queue = engine.getQueue(key);
  checkFifoSend(queue, [input], 'single');
  const sent = engine.sendMessage(key, toMessageToSend(queue, input, ctx));
  return {
    MessageId: sent.messageId,
    MD5OfMessageBody: sent.md5OfBody,
    MD5OfMessageAttributes: sent.md5OfMessageAttributes,
    MD5OfMessageSystemAttributes: sent.md5OfSystemAttributes,
    SequenceNumber: sent.sequenceNumber,
  };
};
