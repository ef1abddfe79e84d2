import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { ownerOf, pageAfter, type SnsOperation } from './types.js';

export const listSmsSandboxPhoneNumbers: SnsOperation<{ NextToken?: string; MaxResults?: number }, { PhoneNumbers: { PhoneNumber: string; Status: string }[]; NextToken?: string }> = (
  { mobile },
  input,
  ctx,
) => {
  const limit = input.MaxResults ?? LIST_PAGE_SIZE;
  const rows = mobile.sandboxNumbers(ownerOf(ctx), pageAfter(input.NextToken), limit + 1);
  const page = rows.slice(0, limit);
  return {
    PhoneNumbers: page.map((r) => ({ PhoneNumber: r.phone_number, Status: r.status })),
    ...(rows.length > limit ? { NextToken: encodePageToken({ after: page.at(-1)!.phone_number }) } : {}),
  };
};
