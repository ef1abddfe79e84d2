import { describe, expect, it } from 'vitest';
import { applyOverlays, readVendoredModel } from '../../src/protocol/model/load.js';
import { InputIssues } from '../../src/protocol/model/issues.js';
import { parseQueryInput } from '../../src/protocol/query/parse.js';
import { sqsModel } from '../../src/services/sqs/index.js';

const params = (text: string) => new Map(new URLSearchParams(text));

describe('query protocol parsing (SQS: flattened lists and maps)', () => {
  it('reads flattened attribute maps as Attribute.N.Name / Attribute.N.Value', () => {
    const input = parseQueryInput(
      sqsModel,
      'CreateQueueRequest',
      params(
        'QueueName=q&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5&Attribute.2.Name=VisibilityTimeout&Attribute.2.Value=60&Tag.1.Key=team&Tag.1.Value=blue',
      ),
    );
    expect(input).toEqual({ QueueName: 'q', Attributes: { DelaySeconds: '5', VisibilityTimeout: '60' }, tags: { team: 'blue' } });
  });

  it('reads flattened lists as AttributeName.N in index order', () => {
    const input = parseQueryInput(
      sqsModel,
      'ReceiveMessageRequest',
      params('QueueUrl=u&AttributeName.2=SentTimestamp&AttributeName.1=All&MaxNumberOfMessages=3'),
    );
    expect(input).toEqual({ QueueUrl: 'u', AttributeNames: ['All', 'SentTimestamp'], MaxNumberOfMessages: 3 });
  });

  it('reads message attributes with nested values and base64 binaries', () => {
    const input = parseQueryInput(
      sqsModel,
      'SendMessageRequest',
      params('QueueUrl=u&MessageBody=b&MessageAttribute.1.Name=n&MessageAttribute.1.Value.DataType=Binary&MessageAttribute.1.Value.BinaryValue=AQID'),
    );
    expect(input.MessageAttributes).toEqual({ n: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } });
  });

  it('reads lists of structures such as batch entries', () => {
    const input = parseQueryInput(
      sqsModel,
      'DeleteMessageBatchRequest',
      params(
        'QueueUrl=u&DeleteMessageBatchRequestEntry.1.Id=a&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r1&DeleteMessageBatchRequestEntry.2.Id=b&DeleteMessageBatchRequestEntry.2.ReceiptHandle=r2',
      ),
    );
    expect(input.Entries).toEqual([
      { Id: 'a', ReceiptHandle: 'r1' },
      { Id: 'b', ReceiptHandle: 'r2' },
    ]);
  });

  it('reports a value of the wrong type as an input issue, not a crash', () => {
    expect(() => parseQueryInput(sqsModel, 'ReceiveMessageRequest', params('QueueUrl=u&MaxNumberOfMessages=ten'))).toThrow(InputIssues);
  });
});

describe('query protocol parsing (SNS: member and entry wrappers)', () => {
  const sns = applyOverlays(readVendoredModel('sns-2010-03-31.json'), []);

  it('reads non-flattened lists as <name>.member.N and maps as <name>.entry.N.key/value', () => {
    const input = parseQueryInput(
      sns,
      'PublishInput',
      params(
        'TopicArn=t&Message=m&MessageAttributes.entry.1.Name=color&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=red',
      ),
    );
    expect(input).toEqual({ TopicArn: 't', Message: 'm', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } } });
    const tags = parseQueryInput(sns, 'TagResourceRequest', params('ResourceArn=a&Tags.member.1.Key=k&Tags.member.1.Value=v'));
    expect(tags).toEqual({ ResourceArn: 'a', Tags: [{ Key: 'k', Value: 'v' }] });
  });
});
