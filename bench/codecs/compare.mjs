// Hand-written codecs against the libraries issue 13 names, on wharf's own payloads:
//   CBOR:         src/protocol/cbor/cbor.ts vs cbor-x and cbor (node-cbor)
//   event stream: src/protocol/eventstream/message.ts vs @smithy/eventstream-codec
//   XML writer:   src/protocol/xml/serialize.ts vs fast-xml-parser's XMLBuilder
// plus the fuzz test's hostile inputs (deep nesting, truncation) for the CBOR decoders.
// The libraries are not dependencies: install them anywhere and point LIBS at that node_modules.
//
//   npm run build && LIBS=/tmp/libs/node_modules node bench/codecs/compare.mjs
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const libs = createRequire(path.join(process.env.LIBS ?? path.join(root, 'node_modules'), 'x.js'));
const own = (p) => import(path.join(root, 'dist', p));
const { encodeCbor, decodeCbor, CborTag } = await own('protocol/cbor/cbor.js');
const { encodeEventMessage } = await own('protocol/eventstream/message.js');
const { serializeQueryResponse } = await own('protocol/xml/serialize.js');
const { sqsModel } = await own('services/sqs/index.js');

function time(label, fn, seconds = 1) {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = process.cpuUsage();
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  const cpu = process.cpuUsage(start);
  const us = (cpu.user + cpu.system) / n;
  console.log(`  ${label.padEnd(44)} ${us.toFixed(2).padStart(9)} µs CPU per call`);
  return us;
}

// ── CBOR: a PutRecords request (500 × 100 B) and a GetRecords reply (1,000 records) ──
const putRecords = { StreamName: 'bench', Records: Array.from({ length: 500 }, (_, i) => ({ Data: Buffer.alloc(100, i), PartitionKey: `pk-${i}` })) };
const getRecords = {
  Records: Array.from({ length: 1000 }, (_, i) => ({
    SequenceNumber: `4963${String(i).padStart(52, '0')}`,
    ApproximateArrivalTimestamp: new CborTag(1, 1_765_000_000_000 + i),
    Data: Buffer.alloc(100, i),
    PartitionKey: `pk-${i}`,
  })),
  NextShardIterator: 'AAAAAAAAAAE'.repeat(20),
  MillisBehindLatest: 0,
};
const putBytes = encodeCbor(putRecords);
const cborx = libs('cbor-x');
const xEncoder = new cborx.Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false, structuredClone: false });
const xDecoder = new cborx.Decoder({ useRecords: false, mapsAsObjects: true });
const nodeCbor = createRequire(path.join(root, 'package.json'))('cbor');
const getForX = { ...getRecords, Records: getRecords.Records.map((r) => ({ ...r, ApproximateArrivalTimestamp: new cborx.Tag(1_765_000_000_000, 1) })) };
const getForNode = {
  ...getRecords,
  Records: getRecords.Records.map((r) => ({ ...r, ApproximateArrivalTimestamp: new nodeCbor.Tagged(1, 1_765_000_000_000) })),
};
console.log('CBOR decode PutRecords (500 records, %d bytes)', putBytes.length);
const cborDecodeOwn = time('wharf decodeCbor', () => decodeCbor(putBytes));
const cborDecodeX = time('cbor-x decode', () => xDecoder.decode(putBytes));
time('cbor (node-cbor) decodeFirstSync', () => nodeCbor.decodeFirstSync(putBytes), 0.5);
console.log('CBOR encode GetRecords reply (1,000 records)');
const cborEncodeOwn = time('wharf encodeCbor', () => encodeCbor(getRecords));
const cborEncodeX = time('cbor-x encode', () => xEncoder.encode(getForX));
time('cbor (node-cbor) encode', () => nodeCbor.encode(getForNode), 0.5);

console.log('CBOR hostile input (as test/fuzz sends)');
const deep = Buffer.concat([Buffer.alloc(100_000, 0x81), Buffer.from([0x00])]);
for (const [label, decode] of [
  ['wharf decodeCbor', (b) => decodeCbor(b)],
  ['cbor-x decode', (b) => xDecoder.decode(b)],
  ['cbor (node-cbor)', (b) => nodeCbor.decodeFirstSync(b)],
]) {
  const outcome = (b) => {
    try {
      decode(b);
      return 'accepted';
    } catch (err) {
      return `${err.constructor.name}: ${String(err.message).slice(0, 60)}`;
    }
  };
  console.log(`  ${label.padEnd(20)} 100,000 nested arrays -> ${outcome(deep)}; truncated PutRecords -> ${outcome(putBytes.subarray(0, 1000))}`);
}

// ── Event stream: one SubscribeToShardEvent message with a 100 kB payload ──
const { EventStreamCodec } = libs('@smithy/eventstream-codec');
const { toUtf8, fromUtf8 } = libs('@smithy/util-utf8');
const codec = new EventStreamCodec(toUtf8, fromUtf8);
const payload = Buffer.alloc(100_000, 7);
const headers = { ':event-type': 'SubscribeToShardEvent', ':message-type': 'event', ':content-type': 'application/x-amz-cbor-1.1' };
const smithyHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: 'string', value: v }]));
const ownMessage = encodeEventMessage(headers, payload);
const smithyMessage = Buffer.from(codec.encode({ headers: smithyHeaders, body: payload }));
console.log('Event stream: encode one event (100 kB payload); byte-identical: %s', ownMessage.equals(smithyMessage));
const esOwn = time('wharf encodeEventMessage', () => encodeEventMessage(headers, payload));
const esSmithy = time('@smithy/eventstream-codec encode', () => codec.encode({ headers: smithyHeaders, body: payload }));
console.log('Event stream: encode one heartbeat-sized event (200 B payload)');
const small = Buffer.alloc(200, 7);
const esOwnSmall = time('wharf encodeEventMessage', () => encodeEventMessage(headers, small));
const esSmithySmall = time('@smithy/eventstream-codec encode', () => codec.encode({ headers: smithyHeaders, body: small }));

// ── XML: a ReceiveMessage reply of 10 messages with attributes ──
const { XMLBuilder } = libs('fast-xml-parser');
const body = 'x'.repeat(256);
const messages = Array.from({ length: 10 }, (_, i) => ({
  MessageId: `id-${i}`,
  ReceiptHandle: 'rh'.repeat(90),
  MD5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
  Body: body,
  Attributes: { SentTimestamp: '1765000000000', ApproximateReceiveCount: '1', SenderId: 'AIDAEXAMPLE' },
}));
const output = { Messages: messages };
const operation = sqsModel.operations.ReceiveMessage;
// What the builder needs: the same tree with the model's element names applied by hand.
const escape = (v) => String(v).replace(/[&<>"\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' })[c]);
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, tagValueProcessor: (_n, v) => escape(v) });
const toTree = (out) => ({
  '?xml': { '@_version': '1.0' },
  ReceiveMessageResponse: {
    '@_xmlns': sqsModel.metadata.xmlNamespace,
    ReceiveMessageResult: {
      Message: out.Messages.map((m) => ({
        MessageId: m.MessageId,
        ReceiptHandle: m.ReceiptHandle,
        MD5OfBody: m.MD5OfBody,
        Body: m.Body,
        Attribute: Object.entries(m.Attributes).map(([Name, Value]) => ({ Name, Value })),
      })),
    },
    ResponseMetadata: { RequestId: 'req' },
  },
});
console.log('XML: ReceiveMessage reply, 10 messages');
const xmlOwn = time('wharf serializeQueryResponse (model-driven)', () => serializeQueryResponse(sqsModel, operation, output, 'req'));
const xmlBuilder = time('XMLBuilder (tree shaped by hand, no model)', () => builder.build(toTree(output)));

console.log('\nratios (library ÷ wharf, CPU per call; below 1 = library faster):');
console.log(`  CBOR decode ${(cborDecodeX / cborDecodeOwn).toFixed(2)}, CBOR encode ${(cborEncodeX / cborEncodeOwn).toFixed(2)} (cbor-x)`);
console.log(`  event stream ${(esSmithy / esOwn).toFixed(2)} (100 kB), ${(esSmithySmall / esOwnSmall).toFixed(2)} (200 B)`);
console.log(`  XML ${(xmlBuilder / xmlOwn).toFixed(2)} (XMLBuilder without the model walk, which it would still need)`);
