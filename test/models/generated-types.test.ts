import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generatedFiles } from '../../scripts/codegen-types.js';
import { generateTypes } from '../../src/protocol/model/codegen.js';
import type { ServiceModel } from '../../src/protocol/model/shapes.js';

describe('types generated from the models (src/generated/)', () => {
  it.each(generatedFiles())('$file is what `npm run codegen` writes from the current models', ({ file, text }) => {
    const committed = readFileSync(new URL(file, GENERATED_DIR), 'utf8');
    // On failure: run `npm run codegen` and commit src/generated/.
    expect(committed === text, `src/generated/${file} is out of date: run npm run codegen`).toBe(true);
  });

  it('writes structures as interfaces, enums as unions, and the operation and error tables', () => {
    const model: ServiceModel = {
      metadata: { apiVersion: '2020-01-01', endpointPrefix: 'demo', protocol: 'json' },
      operations: {
        Ping: { name: 'Ping', input: { shape: 'PingInput' }, output: { shape: 'PingOutput' }, errors: [{ shape: 'Busy' }] },
        Stop: { name: 'Stop' },
      },
      shapes: {
        PingInput: { type: 'structure', required: ['Mode'], members: { Mode: { shape: 'Mode' }, Count: { shape: 'Int' }, At: { shape: 'Time' } } },
        PingOutput: { type: 'structure', members: { Data: { shape: 'Bytes' }, Tags: { shape: 'TagMap' }, Modes: { shape: 'ModeList' } } },
        Busy: { type: 'structure', members: { message: { shape: 'Text' } }, exception: true },
        Mode: { type: 'string', enum: ['ON', 'OFF'] },
        ModeList: { type: 'list', member: { shape: 'Mode' } },
        TagMap: { type: 'map', key: { shape: 'Text' }, value: { shape: 'Text' } },
        Text: { type: 'string' },
        Int: { type: 'integer' },
        Time: { type: 'timestamp' },
        Bytes: { type: 'blob' },
      },
    };
    const text = generateTypes(model, { prefix: 'Demo', sources: ['demo.json'] });
    expect(text).toContain("  Ping: {\n    input: PingInput;\n    output: PingOutput;\n    errors:\n      | 'Busy';\n  };");
    expect(text).toContain('  Stop: {\n    input: EmptyInput;\n    output: void;\n    errors: never;\n  };');
    expect(text).toContain("export type DemoModelErrorCode =\n  | 'Busy';");
    expect(text).toContain('export interface PingInput {\n  Mode: Mode;\n  Count?: number;\n  At?: Date;\n}');
    expect(text).toContain('export interface PingOutput {\n  Data?: Buffer;\n  Tags?: { [key: string]: string };\n  Modes?: Mode[];\n}');
    expect(text).toContain("export type Mode =\n  | 'ON'\n  | 'OFF';");
  });
});
