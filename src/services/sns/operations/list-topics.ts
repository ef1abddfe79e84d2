import { encodePageToken } from '../../../page-token.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { ownerOf, pageAfter, type SnsOperation } from './types.js';

export const listTopics: SnsOperation<'ListTopics'> = ({ sns }, input, ctx) => {
  const arns = sns.listTopics(ownerOf(ctx), pageAfter(input.NextToken), LIST_PAGE_SIZE + 1);
  const page = arns.slice(0, LIST_PAGE_SIZE);
  return { Topics: page.map((arn) => ({ TopicArn: arn })), ...(arns.length > LIST_PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)! }) } : {}) };
};
