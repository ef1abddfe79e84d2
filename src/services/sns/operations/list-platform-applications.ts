import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { ownerOf, pageAfter, type SnsOperation } from './types.js';

export const listPlatformApplications: SnsOperation<'ListPlatformApplications'> = ({ mobile }, input, ctx) => {
  const rows = mobile.listPlatformApplications(ownerOf(ctx), pageAfter(input.NextToken), LIST_PAGE_SIZE + 1);
  const page = rows.slice(0, LIST_PAGE_SIZE);
  return {
    PlatformApplications: page.map((row) => ({ PlatformApplicationArn: row.arn, Attributes: JSON.parse(row.attributes_json) as Record<string, string> })),
    ...(rows.length > LIST_PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)!.arn }) } : {}),
  };
};
