// Writes src/generated/<service>.ts: TypeScript types for every operation's input, output and
// errors, from the vendored models and their overlays (the same merged models the server loads).
//
//   npm run codegen
//
// test/models/generated-types.test.ts regenerates in memory and fails when a committed file differs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateTypes } from '../src/protocol/model/codegen.js';
import { kinesisModel } from '../src/services/kinesis/index.js';
import { snsModel } from '../src/services/sns/index.js';
import { sqsModel } from '../src/services/sqs/index.js';

export const GENERATED_DIR = new URL('../src/generated/', import.meta.url);

/** Each generated file's name and text. */
export function generatedFiles(): { file: string; text: string }[] {
  return [
    {
      file: 'sqs.ts',
      text: generateTypes(sqsModel, {
        prefix: 'Sqs',
        sources: ['src/models/sqs-2012-11-05.json', 'sqs-2012-11-05.query-overlay.ts', 'sqs-2012-11-05.errors-overlay.ts'],
      }),
    },
    { file: 'sns.ts', text: generateTypes(snsModel, { prefix: 'Sns', sources: ['src/models/sns-2010-03-31.json'] }) },
    { file: 'kinesis.ts', text: generateTypes(kinesisModel, { prefix: 'Kinesis', sources: ['src/models/kinesis-2013-12-02.json'] }) },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const { file, text } of generatedFiles()) {
    writeFileSync(new URL(file, GENERATED_DIR), text);
    process.stdout.write(`wrote src/generated/${file}\n`);
  }
}
