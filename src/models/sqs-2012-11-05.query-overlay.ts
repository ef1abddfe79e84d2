import type { ModelOverlay } from '../protocol/model/shapes.js';

/**
 * What botocore's JSON-only SQS model lacks for the query protocol (form body, XML reply).
 *
 * Source: the last query-era SQS model, as carried by moto 5.2.1
 * (moto/sqs/2012-11-05/service-2.moto-extras.json.gz, derived from botocore before SQS moved to
 * JSON in Nov 2023), cross-checked against @aws-sdk/client-sqs@3.445.0 (the last query SDK).
 * Every SQS list and map is flattened on the query wire: `AttributeName.1`, `Attribute.1.Name`.
 * test/models/overlay.test.ts checks that every name here exists in the base model.
 */
const flatList = (memberName: string) => ({ flattened: true, member: { locationName: memberName } });
const flatMap = (locationName: string | undefined, key: string, value: string) => ({
  flattened: true,
  ...(locationName ? { locationName } : {}),
  key: { locationName: key },
  value: { locationName: value },
});
const resultWrapped = (op: string) => ({ output: { resultWrapper: `${op}Result` } });

export const sqsQueryOverlay: ModelOverlay = {
  metadata: { xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  operations: Object.fromEntries(
    [
      'CancelMessageMoveTask',
      'ChangeMessageVisibilityBatch',
      'CreateQueue',
      'DeleteMessageBatch',
      'GetQueueAttributes',
      'GetQueueUrl',
      'ListDeadLetterSourceQueues',
      'ListMessageMoveTasks',
      'ListQueueTags',
      'ListQueues',
      'ReceiveMessage',
      'SendMessage',
      'SendMessageBatch',
      'StartMessageMoveTask',
    ].map((op) => [op, resultWrapped(op)]),
  ),
  shapes: {
    AWSAccountIdList: flatList('AWSAccountId'),
    ActionNameList: flatList('ActionName'),
    AttributeNameList: flatList('AttributeName'),
    BatchResultErrorEntryList: flatList('BatchResultErrorEntry'),
    BinaryList: flatList('BinaryListValue'),
    ChangeMessageVisibilityBatchRequestEntryList: flatList('ChangeMessageVisibilityBatchRequestEntry'),
    ChangeMessageVisibilityBatchResultEntryList: flatList('ChangeMessageVisibilityBatchResultEntry'),
    DeleteMessageBatchRequestEntryList: flatList('DeleteMessageBatchRequestEntry'),
    DeleteMessageBatchResultEntryList: flatList('DeleteMessageBatchResultEntry'),
    // Added to SQS in June 2023, before the JSON switch; not in moto's extras.
    ListMessageMoveTasksResultEntryList: flatList('ListMessageMoveTasksResultEntry'),
    MessageAttributeNameList: flatList('MessageAttributeName'),
    // ReceiveMessage's MessageSystemAttributeNames (2024) never had a query model; the query
    // name follows the AttributeName.N convention, as LocalStack accepts it.
    MessageSystemAttributeList: flatList('MessageSystemAttributeName'),
    MessageList: flatList('Message'),
    QueueUrlList: flatList('QueueUrl'),
    SendMessageBatchRequestEntryList: flatList('SendMessageBatchRequestEntry'),
    SendMessageBatchResultEntryList: flatList('SendMessageBatchResultEntry'),
    StringList: flatList('StringListValue'),
    TagKeyList: flatList('TagKey'),

    MessageBodyAttributeMap: flatMap(undefined, 'Name', 'Value'),
    MessageBodySystemAttributeMap: flatMap(undefined, 'Name', 'Value'),
    MessageSystemAttributeMap: flatMap('Attribute', 'Name', 'Value'),
    QueueAttributeMap: flatMap('Attribute', 'Name', 'Value'),
    TagMap: flatMap('Tag', 'Key', 'Value'),

    CreateQueueRequest: { members: { Attributes: { locationName: 'Attribute' }, tags: { locationName: 'Tag' } } },
    SetQueueAttributesRequest: { members: { Attributes: { locationName: 'Attribute' } } },
    GetQueueAttributesResult: { members: { Attributes: { locationName: 'Attribute' } } },
    ListQueueTagsResult: { members: { Tags: { locationName: 'Tag' } } },
    Message: { members: { Attributes: { locationName: 'Attribute' }, MessageAttributes: { locationName: 'MessageAttribute' } } },
    MessageAttributeValue: {
      members: { StringListValues: { locationName: 'StringListValue' }, BinaryListValues: { locationName: 'BinaryListValue' } },
    },
    MessageSystemAttributeValue: {
      members: { StringListValues: { locationName: 'StringListValue' }, BinaryListValues: { locationName: 'BinaryListValue' } },
    },
    // The deprecated ReceiveMessage AttributeNames is typed in the model as a list of *queue*
    // attribute names, but SQS reads message system attribute names there (SentTimestamp,
    // SenderId, …): it is MessageSystemAttributeNames under its old query name AttributeName.N.
    ReceiveMessageRequest: { members: { AttributeNames: { shape: 'MessageSystemAttributeList', locationName: 'AttributeName' } } },
    SendMessageRequest: {
      members: { MessageAttributes: { locationName: 'MessageAttribute' }, MessageSystemAttributes: { locationName: 'MessageSystemAttribute' } },
    },
    SendMessageBatchRequestEntry: {
      members: { MessageAttributes: { locationName: 'MessageAttribute' }, MessageSystemAttributes: { locationName: 'MessageSystemAttribute' } },
    },
  },
};
