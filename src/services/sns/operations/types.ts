import type { SnsOperationName, SnsOperations } from '../../../generated/sns.js';
import { decodePageToken } from '../../../page-token.js';
import { parseArn } from '../../../arn.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { SnsMobile } from '../engine/mobile.js';
import type { SnsEngine } from '../engine/sns-engine.js';
import type { Owner } from '../engine/types.js';
import { snsErrors } from '../errors.js';

export interface SnsEngines {
  sns: SnsEngine;
  mobile: SnsMobile;
}

/**
 * An SNS operation, typed from the model (src/generated/sns.ts): its input as the codecs decoded
 * it, its output as the serializers will write it. A misspelt output member does not compile.
 */
export type SnsOperation<Op extends SnsOperationName> = (
  engines: SnsEngines,
  input: SnsOperations[Op]['input'],
  ctx: RequestContext,
) => SnsOperations[Op]['output'] | Promise<SnsOperations[Op]['output']>;

/** Every operation of the model, each with its handler: a missing or misspelt operation does not compile. */
export type SnsOperationTable = { [Op in SnsOperationName]: SnsOperation<Op> };

export function ownerOf(ctx: RequestContext): Owner {
  return { accountId: ctx.accountId, region: ctx.region };
}

/** A topic ARN as SNS accepts it: an SNS ARN in the request's region ("Invalid parameter: TopicArn" otherwise). */
export function checkTopicArn(arn: string, ctx: RequestContext, parameter = 'TopicArn'): string {
  // AWS's text, e.g. "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"
  // (awsdocs/aws-doc-sdk-examples' JavaScript v3 SNS tests expect it from AWS).
  const elements = arn.split(':').length;
  if (elements < 6) throw snsErrors.invalidParameter(`${parameter} Reason: An ARN must have at least 6 elements, not ${elements}`);
  const parsed = parseArn(arn);
  if (parsed?.service !== 'sns' || parsed.region !== ctx.region || parsed.resource.includes(':')) throw snsErrors.invalidParameter(parameter);
  return arn;
}

/** Where the page a NextToken asks for starts ('' for the first page); "Invalid parameter: NextToken" for a token wharf did not issue. */
export function pageAfter(token: string | undefined): string {
  return token === undefined ? '' : decodePageToken(token, () => snsErrors.invalidParameter('NextToken')).after;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** Tags as the model lists them, as a map. */
export function tagMap(tags: Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key in map) throw snsErrors.invalidParameter('Duplicated keys are not allowed.');
    map[tag.Key] = tag.Value;
  }
  return map;
}
