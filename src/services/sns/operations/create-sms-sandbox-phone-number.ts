import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const createSmsSandboxPhoneNumber: SnsOperation<{ PhoneNumber: string; LanguageCode?: string }, object> = ({ mobile }, input, ctx) => {
  mobile.createSandboxNumber(ownerOf(ctx), checkPhoneNumber(input.PhoneNumber));
  return {};
};
