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

/** An SNS operation: model-shaped (PascalCase) input in, model-shaped output out. */
export type SnsOperation<Input, Output = void> = (engines: SnsEngines, input: Input, ctx: RequestContext) => Output | Promise<Output>;

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
