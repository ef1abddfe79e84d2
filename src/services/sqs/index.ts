import { buildErrorTable } from '../../protocol/model/error-table.js';
import { applyOverlays, readVendoredModel } from '../../protocol/model/load.js';
import { bindHandlers, type RequestContext, type ServiceDefinition } from '../../protocol/service.js';
import { sqsQueryOverlay } from '../../models/sqs-2012-11-05.query-overlay.js';
import { sqsErrorOverlay } from '../../models/sqs-2012-11-05.errors-overlay.js';
import type { SqsEngine } from './engine/sqs-engine.js';
import { sqsCommonErrors } from './errors.js';
import { sqsInputError } from './input-errors.js';
import { addPermission } from './operations/add-permission.js';
import { cancelMessageMoveTask } from './operations/cancel-message-move-task.js';
import { changeMessageVisibility } from './operations/change-message-visibility.js';
import { changeMessageVisibilityBatch } from './operations/change-message-visibility-batch.js';
import { createQueue } from './operations/create-queue.js';
import { deleteMessage } from './operations/delete-message.js';
import { deleteMessageBatch } from './operations/delete-message-batch.js';
import { deleteQueue } from './operations/delete-queue.js';
import { getQueueAttributes } from './operations/get-queue-attributes.js';
import { getQueueUrl } from './operations/get-queue-url.js';
import { listDeadLetterSourceQueues } from './operations/list-dead-letter-source-queues.js';
import { listMessageMoveTasks } from './operations/list-message-move-tasks.js';
import { listQueueTags } from './operations/list-queue-tags.js';
import { listQueues } from './operations/list-queues.js';
import { purgeQueue } from './operations/purge-queue.js';
import { receiveMessage } from './operations/receive-message.js';
import { removePermission } from './operations/remove-permission.js';
import { sendMessage } from './operations/send-message.js';
import { sendMessageBatch } from './operations/send-message-batch.js';
import { setQueueAttributes } from './operations/set-queue-attributes.js';
import { startMessageMoveTask } from './operations/start-message-move-task.js';
import { tagQueue } from './operations/tag-queue.js';
import { untagQueue } from './operations/untag-queue.js';
import type { SqsOperationTable } from './operations/types.js';
import { queueUrlFromPath } from './queue-url.js';

/** The SQS model with its query-protocol and error overlays, loaded once. */
export const sqsModel = applyOverlays(readVendoredModel('sqs-2012-11-05.json'), [sqsQueryOverlay, sqsErrorOverlay]);
const JSON_ERROR_NAMESPACE = 'com.amazonaws.sqs';
const sqsErrorTable = buildErrorTable(sqsModel, JSON_ERROR_NAMESPACE, sqsCommonErrors);
/** Operations whose input names a queue by QueueUrl: a request sent to a queue URL may omit it. */
const OPERATIONS_WITH_QUEUE_URL = new Set(
  Object.values(sqsModel.operations)
    .filter((op) => {
      const shape = op.input ? sqsModel.shapes[op.input.shape] : undefined;
      return shape?.type === 'structure' && 'QueueUrl' in shape.members;
    })
    .map((op) => op.name),
);

/** Every implemented SQS operation, by its AWS name. */
const operations: SqsOperationTable = {
  AddPermission: addPermission,
  CancelMessageMoveTask: cancelMessageMoveTask,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  CreateQueue: createQueue,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  GetQueueUrl: getQueueUrl,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  ListMessageMoveTasks: listMessageMoveTasks,
  ListQueueTags: listQueueTags,
  ListQueues: listQueues,
  PurgeQueue: purgeQueue,
  ReceiveMessage: receiveMessage,
  RemovePermission: removePermission,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  SetQueueAttributes: setQueueAttributes,
  StartMessageMoveTask: startMessageMoveTask,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
};

export function sqsService(engine: SqsEngine): ServiceDefinition {
  const handlers = bindHandlers(operations, engine);
  return {
    name: 'sqs',
    model: sqsModel,
    errors: sqsErrorTable,
    jsonErrorNamespace: JSON_ERROR_NAMESPACE,
    queryCompatible: true,
    handlers,
    inputError: sqsInputError,
    prepareInput(operation: string, input: Record<string, unknown>, ctx: RequestContext) {
      if (OPERATIONS_WITH_QUEUE_URL.has(operation) && input.QueueUrl === undefined) {
        const fromPath = queueUrlFromPath(ctx);
        if (fromPath) input.QueueUrl = fromPath;
      }
    },
  };
}
