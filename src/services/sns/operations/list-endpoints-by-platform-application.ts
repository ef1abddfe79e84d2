import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { pageAfter, type SnsOperation } from './types.js';

export const listEndpointsByPlatformApplication: SnsOperation<'ListEndpointsByPlatformApplication'> = ({ mobile }, input) => {
  const rows = mobile.listEndpoints(input.PlatformApplicationArn, pageAfter(input.NextToken), LIST_PAGE_SIZE + 1);
  const page = rows.slice(0, LIST_PAGE_SIZE);
  return {
    Endpoints: page.map((row) => ({ EndpointArn: row.arn, Attributes: JSON.parse(row.attributes_json) as Record<string, string> })),
    ...(rows.length > LIST_PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)!.arn }) } : {}),
  };
};
