import { describe, expect, it } from 'vitest';
import { escapeXml, serializeQueryResponse } from '../../src/protocol/xml/serialize.js';
import { sqsModel } from '../../src/services/sqs/index.js';

describe('query protocol XML replies', () => {
  it('wraps the result, flattens lists and maps with their model names, and adds ResponseMetadata', () => {
    const xml = serializeQueryResponse(
      sqsModel,
      sqsModel.operations.ReceiveMessage!,
      {
        Messages: [
          {
            MessageId: 'm1',
            Body: 'b',
            Attributes: { SentTimestamp: '1' },
            MessageAttributes: { a: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } },
          },
        ],
      },
      'req-1',
    );
    expect(xml).toBe(
      '<?xml version="1.0"?><ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ReceiveMessageResult>' +
        '<Message><MessageId>m1</MessageId><Body>b</Body><Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute>' +
        '<MessageAttribute><Name>a</Name><Value><BinaryValue>AQID</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute></Message>' +
        '</ReceiveMessageResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ReceiveMessageResponse>',
    );
  });

  it('writes an operation without output as just ResponseMetadata', () => {
    expect(serializeQueryResponse(sqsModel, sqsModel.operations.DeleteMessage!, undefined, 'r')).toBe(
      '<?xml version="1.0"?><DeleteMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteMessageResponse>',
    );
  });

  it('escapes quotes and carriage returns as SQS does, so \\r survives XML newline normalisation', () => {
    expect(escapeXml('a "b" & <c>\r\n')).toBe('a &quot;b&quot; &amp; &lt;c&gt;&#xD;\n');
  });
});

describe('query protocol XML replies, read back by an XML parser', () => {
  it('are well-formed and give back the exact body, whatever characters it holds', async () => {
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    const body = 'tab\tcr\r\nlf\n "quotes" \'apos\' & <tags> ]]> \u00e9\u{1F600}';
    const xml = serializeQueryResponse(sqsModel, sqsModel.operations.ReceiveMessage!, { Messages: [{ MessageId: 'm', Body: body }] }, 'r');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ processEntities: true, htmlEntities: true, trimValues: false, parseTagValue: false }).parse(xml) as {
      ReceiveMessageResponse: { ReceiveMessageResult: { Message: { Body: string } } };
    };
    expect(parsed.ReceiveMessageResponse.ReceiveMessageResult.Message.Body).toBe(body);
  });
});
