import { lambdaErrors } from '../errors.js';
import { ownerOf, type LambdaOperation } from './types.js';

const MAPPING_ARN = /^arn:aws:lambda:[^:]+:\d{12}:event-source-mapping:([0-9a-f-]+)$/;

/** The mapping a tagged resource ARN names; functions, layers and code-signing configs are not wharf's. */
function mappingUuidOf(resource: string, operation: string): string {
  const m = MAPPING_ARN.exec(resource);
  if (m) return m[1]!;
  if (resource.includes(':event-source-mapping:')) throw lambdaErrors.mappingNotFound();
  throw lambdaErrors.notHosted(`${operation} on ${resource}`);
}

export const tagResource: LambdaOperation<{ Resource: string; Tags: Record<string, string> }> = (engine, input, ctx) => {
  engine.tag(ownerOf(ctx), mappingUuidOf(input.Resource, 'TagResource'), input.Tags);
};

export const untagResource: LambdaOperation<{ Resource: string; TagKeys: string[] }> = (engine, input, ctx) => {
  engine.untag(ownerOf(ctx), mappingUuidOf(input.Resource, 'UntagResource'), input.TagKeys);
};

export const listTags: LambdaOperation<{ Resource: string }, { Tags: Record<string, string> }> = (engine, input, ctx) => ({
  Tags: engine.tagsOf(ownerOf(ctx), mappingUuidOf(input.Resource, 'ListTags')),
});
