/** SQS quotas and defaults, each with where AWS states it. */

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
export const MAX_DELAY_SECONDS = 900;
export const MIN_MESSAGE_BYTES = 1_024;
export const MAX_MESSAGE_BYTES = 1_048_576; // raised from 256 KiB in Aug 2025
export const MIN_RETENTION_SECONDS = 60;
export const MAX_RETENTION_SECONDS = 1_209_600; // 14 days
export const DEFAULT_RETENTION_SECONDS = 345_600; // 4 days
export const MAX_RECEIVE_WAIT_SECONDS = 20;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200; // 12 hours
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
export const MIN_KMS_REUSE_SECONDS = 60;
export const MAX_KMS_REUSE_SECONDS = 86_400;
export const DEFAULT_KMS_REUSE_SECONDS = 300;

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html
export const MAX_QUEUE_NAME_LENGTH = 80;
export const MAX_TAGS_PER_QUEUE = 50;
export const QUEUE_DELETE_COOLDOWN_MS = 60_000; // "wait 60 seconds after deleting a queue"
export const PURGE_COOLDOWN_MS = 60_000; // one PurgeQueue per 60 s

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_RECEIVE_MESSAGES = 10;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;
export const MAX_LIST_QUEUES_RESULTS = 1_000;

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
export const MAX_RECEIVE_COUNT = 1_000;
export const MAX_REDRIVE_ALLOW_SOURCES = 10;
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
// ReceiveRequestAttemptId "can be used only for 5 minutes after a ReceiveMessage action"
export const RECEIVE_ATTEMPT_WINDOW_MS = 5 * 60_000;
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
export const MAX_MOVE_MESSAGES_PER_SECOND = 500;
export const MAX_LIST_MOVE_TASKS_RESULTS = 10;
