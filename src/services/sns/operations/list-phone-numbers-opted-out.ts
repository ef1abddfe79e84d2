import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { ownerOf, pageAfter, type SnsOperation } from './types.js';

export const listPhoneNumbersOptedOut: SnsOperation<'ListPhoneNumbersOptedOut'> = ({ mobile }, input, ctx) => {
  const numbers = mobile.optedOut(ownerOf(ctx), pageAfter(input.nextToken), LIST_PAGE_SIZE + 1);
  const page = numbers.slice(0, LIST_PAGE_SIZE);
  return { phoneNumbers: page, ...(numbers.length > LIST_PAGE_SIZE ? { nextToken: encodePageToken({ after: page.at(-1)! }) } : {}) };
};
