import type { RequestContext } from '../../../protocol/service.js';
import type { SnsMobile } from '../engine/mobile.js';
import type { SnsEngine } from '../engine/sns-engine.js';
import type { Owner } from '../engine/types.js';
import { parseArn } from '../engine/arns.js';
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
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'sns' || parsed.region !== ctx.region || parsed.resource.includes(':')) throw snsErrors.invalidParameter(parameter);
  return arn;
}

/** Page tokens are the position after which the next page starts, opaque to clients. */
export function encodeToken(position: string | number): string {
  return Buffer.from(String(position), 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined): string {
  if (token === undefined) return '';
  return Buffer.from(token, 'base64url').toString('utf8');
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
