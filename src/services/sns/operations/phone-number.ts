import { snsErrors } from '../errors.js';

/** A phone number in E.164 form, as SNS takes it. */
export const E164 = /^\+\d{1,15}$/;

/** The phone number, or "Invalid parameter: <parameter>" when it is not in E.164 form. */
export function checkPhoneNumber(phoneNumber: string, parameter = 'PhoneNumber'): string {
  if (!E164.test(phoneNumber)) throw snsErrors.invalidParameter(parameter);
  return phoneNumber;
}
