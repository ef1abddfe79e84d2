import { snsErrors } from '../errors.js';
import { checkTopicArn, type SnsOperation } from './types.js';

export const putDataProtectionPolicy: SnsOperation<'PutDataProtectionPolicy'> = ({ sns }, input, ctx) => {
  const arn = checkTopicArn(input.ResourceArn, ctx, 'ResourceArn');
  try {
    JSON.parse(input.DataProtectionPolicy);
  } catch {
    throw snsErrors.invalidParameter('DataProtectionPolicy Reason: failed to parse JSON.');
  }
  sns.setDataProtectionPolicy(arn, input.DataProtectionPolicy);
};
