import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const verifySmsSandboxPhoneNumber: SnsOperation<'VerifySMSSandboxPhoneNumber'> = ({ mobile }, input, ctx) => {
  mobile.verifySandboxNumber(ownerOf(ctx), checkPhoneNumber(input.PhoneNumber));
  return {};
};
