import type { ModelOverlay } from '../protocol/model/shapes.js';

/**
 * The query-protocol error codes and HTTP statuses the JSON-only SQS model lacks (its error
 * shapes carry no `error` trait). A shape not listed here answers with its own name as the
 * query code, HTTP 400, sender fault — which is what AWS does for the rest
 * (e.g. InvalidAttributeName, ReceiptHandleIsInvalid).
 * Source: the last query-era SQS model via moto 5.2.1's service-2.moto-extras.json.gz.
 */
const code = (queryCode: string, httpStatusCode = 400, messageForQuery?: string) => ({
  error: { code: queryCode, httpStatusCode, senderFault: true, ...(messageForQuery ? { messageForQuery } : {}) },
});

export const sqsErrorOverlay: ModelOverlay = {
  shapes: {
    BatchEntryIdsNotDistinct: code('AWS.SimpleQueueService.BatchEntryIdsNotDistinct'),
    BatchRequestTooLong: code('AWS.SimpleQueueService.BatchRequestTooLong'),
    EmptyBatchRequest: code('AWS.SimpleQueueService.EmptyBatchRequest'),
    // 404 as recorded against AWS over JSON (a real-AWS integration suite); the query-era model said 400.
    InvalidAddress: code('InvalidAddress', 404),
    ReceiptHandleIsInvalid: code('ReceiptHandleIsInvalid', 404),
    // 404 as recorded against AWS for message move tasks (LocalStack's test_sqs_move_task snapshot).
    ResourceNotFoundException: code('ResourceNotFoundException', 404),
    InvalidBatchEntryId: code('AWS.SimpleQueueService.InvalidBatchEntryId'),
    MessageNotInflight: code('AWS.SimpleQueueService.MessageNotInflight'),
    OverLimit: code('OverLimit', 403),
    PurgeQueueInProgress: code('AWS.SimpleQueueService.PurgeQueueInProgress', 403),
    QueueDeletedRecently: code('AWS.SimpleQueueService.QueueDeletedRecently'),
    // The query protocol words this one differently.
    QueueDoesNotExist: code('AWS.SimpleQueueService.NonExistentQueue', 400, 'The specified queue does not exist for this wsdl version.'),
    QueueNameExists: code('QueueAlreadyExists'),
    TooManyEntriesInBatchRequest: code('AWS.SimpleQueueService.TooManyEntriesInBatchRequest'),
    UnsupportedOperation: code('AWS.SimpleQueueService.UnsupportedOperation'),
  },
};
