import { LIST_PAGE_SIZE } from '../limits.js';
import { decodeToken, encodeToken, ownerOf, type SnsOperation } from './types.js';

export const listSmsSandboxPhoneNumbers: SnsOperation<{ NextToken?: string; MaxResults?: number }, { PhoneNumbers: { PhoneNumber: string; Status: string }[]; NextToken?: string }> = (
  { mobile },
  input,
  ctx,
) => {
  const limit = input.MaxResults ?? LIST_PAGE_SIZE;
  const rows = mobile.sandboxNumbers(ownerOf(ctx), decodeToken(input.NextToken), limit + 1);
  const page = rows.slice(0, limit);
  return {
    PhoneNumbers: page.map((r) => ({ PhoneNumber: r.phone_number, Status: r.status })),
    ...(rows.length > limit ? { NextToken: encodeToken(page.at(-1)!.phone_number) } : {}),
  };
};
