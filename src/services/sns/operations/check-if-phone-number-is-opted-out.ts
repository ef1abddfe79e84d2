import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const checkIfPhoneNumberIsOptedOut: SnsOperation<'CheckIfPhoneNumberIsOptedOut'> = ({ mobile }, input, ctx) => ({
  isOptedOut: mobile.isOptedOut(ownerOf(ctx), checkPhoneNumber(input.phoneNumber, 'phoneNumber')),
});
