import type { SMSSandboxPhoneNumberVerificationStatus } from '../../../generated/sns.js';
import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { ownerOf, pageAfter, type SnsOperation } from './types.js';

export const listSmsSandboxPhoneNumbers: SnsOperation<'ListSMSSandboxPhoneNumbers'> = ({ mobile }, input, ctx) => {
  const limit = input.MaxResults ?? LIST_PAGE_SIZE;
  const rows = mobile.sandboxNumbers(ownerOf(ctx), pageAfter(input.NextToken), limit + 1);
  const page = rows.slice(0, limit);
  return {
    // The status column holds only what the mobile engine writes: Pending or Verified.
    PhoneNumbers: page.map((r) => ({ PhoneNumber: r.phone_number, Status: r.status as SMSSandboxPhoneNumberVerificationStatus })),
    ...(rows.length > limit ? { NextToken: encodePageToken({ after: page.at(-1)!.phone_number }) } : {}),
  };
};
