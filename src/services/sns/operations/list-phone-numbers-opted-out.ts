import { LIST_PAGE_SIZE } from '../limits.js';
import { decodeToken, encodeToken, ownerOf, type SnsOperation } from './types.js';

export const listPhoneNumbersOptedOut: SnsOperation<{ nextToken?: string }, { phoneNumbers: string[]; nextToken?: string }> = ({ mobile }, input, ctx) => {
  const numbers = mobile.optedOut(ownerOf(ctx), decodeToken(input.nextToken), LIST_PAGE_SIZE + 1);
  const page = numbers.slice(0, LIST_PAGE_SIZE);
  return { phoneNumbers: page, ...(numbers.length > LIST_PAGE_SIZE ? { nextToken: encodeToken(page.at(-1)!) } : {}) };
};
