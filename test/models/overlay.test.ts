import { describe, expect, it } from 'vitest';
import { readVendoredModel } from '../../src/protocol/model/load.js';
import { sqsErrorOverlay } from '../../src/models/sqs-2012-11-05.errors-overlay.js';
import { sqsQueryOverlay } from '../../src/models/sqs-2012-11-05.query-overlay.js';
import type { ModelOverlay, ServiceModel } from '../../src/protocol/model/shapes.js';

/** Every name an overlay patches must exist in the vendored model, so a model upgrade cannot orphan one silently. */
function orphansOf(model: ServiceModel, overlay: ModelOverlay): string[] {
  const orphans: string[] = [];
  for (const op of Object.keys(overlay.operations ?? {})) if (!model.operations[op]) orphans.push(`operation ${op}`);
  for (const [name, patch] of Object.entries(overlay.shapes ?? {})) {
    const shape = model.shapes[name];
    if (!shape) {
      orphans.push(`shape ${name}`);
      continue;
    }
    const members = (patch as { members?: Record<string, unknown> }).members ?? {};
    for (const member of Object.keys(members)) {
      if (shape.type !== 'structure' || !shape.members[member]) orphans.push(`member ${name}.${member}`);
    }
    if ((patch as { member?: unknown }).member && shape.type !== 'list') orphans.push(`list member of non-list ${name}`);
    if ((patch as { key?: unknown }).key && shape.type !== 'map') orphans.push(`map key of non-map ${name}`);
  }
  return orphans;
}

describe('SQS model overlays', () => {
  const sqs = readVendoredModel('sqs-2012-11-05.json');

  it('patch only names that exist in the vendored SQS model', () => {
    expect(orphansOf(sqs, sqsQueryOverlay)).toEqual([]);
    expect(orphansOf(sqs, sqsErrorOverlay)).toEqual([]);
  });

  it('give every SQS list and map its query-protocol flattening', () => {
    const unpatched = Object.entries(sqs.shapes)
      .filter(([, shape]) => shape.type === 'list' || shape.type === 'map')
      .map(([name]) => name)
      .filter((name) => !(sqsQueryOverlay.shapes?.[name] as { flattened?: boolean } | undefined)?.flattened);
    expect(unpatched).toEqual([]);
  });

  it('patch only error shapes with error traits', () => {
    for (const name of Object.keys(sqsErrorOverlay.shapes ?? {})) expect(sqs.shapes[name]?.exception, name).toBe(true);
  });
});
