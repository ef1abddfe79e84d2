import { kinesisErrors } from '../errors.js';
import { decodePageToken, encodePageToken } from '../../../page-token.js';
import { consumerShape } from './output-shapes.js';
import { streamKeyOfArn } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** Consumers in name order; the token carries the last name returned. */
export const listStreamConsumers: KinesisOperation<'ListStreamConsumers'> = (engine, input) => {
  let after = '';
  if (input.NextToken !== undefined) {
    after = decodePageToken(input.NextToken, () => kinesisErrors.invalidArgument('Invalid NextToken.')).after;
  }
  const all = engine.consumers.list(streamKeyOfArn(input.StreamARN)).filter((c) => c.name > after);
  const max = input.MaxResults ?? 100;
  const page = all.slice(0, max);
  return { Consumers: page.map(consumerShape), ...(all.length > max ? { NextToken: encodePageToken({ after: page.at(-1)!.name }) } : {}) };
};
