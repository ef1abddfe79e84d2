import { checkTopicArn, type SnsOperation } from './types.js';

export const getDataProtectionPolicy: SnsOperation<'GetDataProtectionPolicy'> = ({ sns }, input, ctx) => {
  const topic = sns.getTopic(checkTopicArn(input.ResourceArn, ctx, 'ResourceArn'));
  return topic.dataProtectionPolicy !== undefined ? { DataProtectionPolicy: topic.dataProtectionPolicy } : {};
};
