import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const createSmsSandboxPhoneNumber: SnsOperation<'CreateSMSSandboxPhoneNumber'> = ({ mobile }, input, ctx) => {
  mobile.createSandboxNumber(ownerOf(ctx), checkPhoneNumber(input.PhoneNumber));
  return {};
};
