import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WharfProcess } from './durability/wharf-process.js';
import { clientsFor, NAMES, topicArn } from './durability/clients.js';
import { setUp } from './durability/workload.js';
import { Ledger } from './durability/ledger.js';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { PublishCommand } from '@aws-sdk/client-sns';
import { PutRecordCommand, GetRecordsCommand } from '@aws-sdk/client-kinesis';
const dataDir = mkdtempSync(path.join(tmpdir(), 'wd-'));
const launch = { port: 47124, dataDir, durability: 'normal' as const };
const c = clientsFor(47124);
const ledger = new Ledger();
for (let i = 0; i < 3; i++) {
  const w = WharfProcess.warm(launch);
  await new Promise((r) => setTimeout(r, 2500));
  w.go();
  await w.waitHealthy(47124);
  if (i === 0) await setUp(c, ledger);
  const time = async (name: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(name, (performance.now() - t).toFixed(0)); };
  await Promise.all([
    (async () => { for (let j = 0; j < 3; j++) await time('sqs', () => c.sqs.send(new SendMessageCommand({ QueueUrl: c.queueUrl(NAMES.standard), MessageBody: 'x|' }))); })(),
    (async () => { for (let j = 0; j < 3; j++) await time('sns', () => c.sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'x|' }))); })(),
    (async () => { for (let j = 0; j < 3; j++) await time('kinesis', () => c.kinesis.send(new PutRecordCommand({ StreamName: NAMES.stream, PartitionKey: 'a', Data: Buffer.from('x|') }))); })(),
    (async () => { for (let j = 0; j < 3; j++) await time('getrecords', () => c.kinesis.send(new GetRecordsCommand({ ShardIterator: [...ledger.readers.values()][0]!.iterator }))); })(),
  ]);
  await w.kill();
  console.log('---');
}
c.destroy();
