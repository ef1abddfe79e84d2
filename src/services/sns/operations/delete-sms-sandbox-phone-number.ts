import { AwsError } from '../../../errors.js';
import { checkPhoneNumber } from './phone-number.js';
import { ownerOf, type SnsOperation } from './types.js';

export const deleteSmsSandboxPhoneNumber: SnsOperation<'DeleteSMSSandboxPhoneNumber'> = ({ mobile }, input, ctx) => {
  if (!mobile.deleteSandboxNumber(ownerOf(ctx), checkPhoneNumber(input.PhoneNumber))) {
    throw new AwsError('ResourceNotFoundException', 'Phone number does not exist in the sandbox.');
  }
  return {};
};
