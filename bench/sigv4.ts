// What SigV4 verification (--verify-signatures) costs per request: the verifier alone on a
// signed SendMessage, then SDK SendMessage round trips against wharf with verification off and
// on (one process, sequential, so the difference is the verification and nothing else).
//
//   node --import tsx bench/sigv4.ts                 # 20,000 verifications, 2,000 round trips each
//   node --import tsx bench/sigv4.ts 100000 10000    # steadier
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { SystemClock } from '../src/clock.js';
import { headerMap } from '../src/http/edge/sigv4-claim.js';
import { SignatureVerifier } from '../src/http/edge/sigv4-verifier.js';
import { startServer } from '../src/server.js';

const verifications = Number(process.argv[2] ?? 20_000);
const roundTrips = Number(process.argv[3] ?? 2_000);
const key = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
const messageBody = 'x'.repeat(1024);

async function verifierAlone(): Promise<number> {
  const body = JSON.stringify({ QueueUrl: 'http://127.0.0.1:4566/000000000000/bench', MessageBody: messageBody });
  const signer = new SignatureV4({ service: 'sqs', region: 'us-east-1', credentials: key, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: '/',
    query: {},
    headers: {
      host: '127.0.0.1:4566',
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.SendMessage',
      'content-length': String(body.length),
    },
    body,
  });
  const request = { method: 'POST', url: '/', headers: headerMap(Object.entries(signed.headers).flat()), body: Buffer.from(body) };
  const verifier = new SignatureVerifier([key], new SystemClock());
  for (let i = 0; i < 1000; i++) await verifier.verify(request, 'sqs', 'SendMessage');
  const started = performance.now();
  for (let i = 0; i < verifications; i++) await verifier.verify(request, 'sqs', 'SendMessage');
  return ((performance.now() - started) * 1000) / verifications;
}

async function roundTripsPerSecond(verifySignatures: boolean): Promise<number> {
  const server = await startServer({ port: 0, logLevel: 'silent', verifySignatures, credentials: [key] });
  const sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: key, maxAttempts: 1 });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }));
  for (let i = 0; i < 200; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: messageBody }));
  const started = performance.now();
  for (let i = 0; i < roundTrips; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: messageBody }));
  const perSecond = roundTrips / ((performance.now() - started) / 1000);
  sqs.destroy();
  await server.close();
  return perSecond;
}

const microseconds = await verifierAlone();
const off = await roundTripsPerSecond(false);
const on = await roundTripsPerSecond(true);
console.log(`verifier alone: ${microseconds.toFixed(1)} µs per signed 1 KiB SendMessage (${verifications} runs)`);
console.log(
  `SDK SendMessage round trips, sequential (${roundTrips} each): off ${off.toFixed(0)}/s, on ${on.toFixed(0)}/s (${(((off - on) / off) * 100).toFixed(1)}% fewer)`,
);
