import { snsErrors } from '../errors.js';
import { ownerOf, type SnsOperation } from './types.js';

const SMS_ATTRIBUTES = new Set([
  'DeliveryStatusIAMRole',
  'DeliveryStatusSuccessSamplingRate',
  'DefaultSenderID',
  'DefaultSMSType',
  'UsageReportS3Bucket',
  'MonthlySpendLimit',
]);

export const setSmsAttributes: SnsOperation<'SetSMSAttributes'> = ({ mobile }, input, ctx) => {
  for (const [name, value] of Object.entries(input.attributes)) {
    if (!SMS_ATTRIBUTES.has(name)) throw snsErrors.invalidParameter(`${name}`);
    if (name === 'DefaultSMSType' && value !== 'Promotional' && value !== 'Transactional') throw snsErrors.invalidParameter('DefaultSMSType');
  }
  mobile.setSmsAttributes(ownerOf(ctx), input.attributes);
  return {};
};
