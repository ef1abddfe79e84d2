// The "ceiling" target: the cheapest SQS-shaped HTTP server Node + Fastify can
// be. It reads the body but does no protocol work and returns canned replies,
// so its numbers bound what any Fastify-based emulator can reach on this
// machine with this client. Started as a child process by bench/sqs.ts.
import Fastify from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BATCH_SIZE, benchMessageBody } from './lib/messages.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'body-bytes': { type: 'string' } },
});
const port = Number(values.port ?? 0);
const bodyBytes = Number(values['body-bytes'] ?? process.env.BENCH_BODY_BYTES ?? 256);

// Canned replies, computed once. The MD5 matches the bench's message body so
// the replies would pass a client-side checksum check.
const md5 = createHash('md5').update(benchMessageBody(bodyBytes)).digest('hex');
const sendMessageReply = JSON.stringify({ MD5OfMessageBody: md5, MessageId: randomUUID() });
const sendMessageBatchReply = JSON.stringify({
  Successful: Array.from({ length: BATCH_SIZE }, (_, i) => ({ Id: `m${i}`, MD5OfMessageBody: md5, MessageId: randomUUID() })),
  Failed: [],
});

const app = Fastify({ logger: false });

// SQS JSON uses application/x-amz-json-1.0, which Fastify would refuse with 415.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

app.get('/health', async () => ({ ok: true }));

app.post('/', (request, reply) => {
  reply.header('content-type', 'application/x-amz-json-1.0');
  switch (request.headers['x-amz-target']) {
    case 'AmazonSQS.SendMessage':
      return reply.send(sendMessageReply);
    case 'AmazonSQS.SendMessageBatch':
      return reply.send(sendMessageBatchReply);
    case 'AmazonSQS.CreateQueue':
    case 'AmazonSQS.DeleteQueue':
      // Only the harness' setup/teardown; the queue name is echoed so URLs look real.
      return reply.send(JSON.stringify({ QueueUrl: `http://127.0.0.1:${port}/000000000000/${queueName(request.body)}` }));
    default:
      return reply.code(400).send(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: 'not supported by the ceiling server' }));
  }
});

function queueName(body: unknown): string {
  try {
    const parsed = JSON.parse(String(body)) as { QueueName?: unknown };
    return typeof parsed.QueueName === 'string' ? parsed.QueueName : 'queue';
  } catch {
    return 'queue';
  }
}

// Exit with the bench: stdin is a pipe from the parent and closes when it dies,
// even if it dies by SIGKILL and cannot clean up after itself.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();

await app.listen({ port, host: '127.0.0.1' });
console.log(`fastify ceiling listening on ${port}`);
