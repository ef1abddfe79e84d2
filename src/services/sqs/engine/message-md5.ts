import { createHash } from 'node:crypto';

/** A message attribute as SQS stores it (String/Number carry StringValue, Binary BinaryValue). */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5OfMessageAttributes as SQS computes it and SDKs verify it: for each attribute in name
 * order, the name, the data type and the value, each prefixed by its 4-byte big-endian length,
 * with a transport byte (1 = string, 2 = binary) before the value.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string {
  const hash = createHash('md5');
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.of(2));
      hash.update(lengthPrefixed(attribute.BinaryValue));
    } else {
      hash.update(Buffer.of(1));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
