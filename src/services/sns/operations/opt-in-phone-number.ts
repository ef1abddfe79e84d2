import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const optInPhoneNumber: SnsOperation<'OptInPhoneNumber'> = ({ mobile }, input, ctx) => {
  mobile.optIn(ownerOf(ctx), checkPhoneNumber(input.phoneNumber, 'phoneNumber'));
  return {};
};
