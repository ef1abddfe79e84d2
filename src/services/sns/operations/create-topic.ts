import { snsErrors } from '../errors.js';
import { MAX_TAGS_PER_TOPIC, MAX_TOPIC_NAME_LENGTH } from '../limits.js';
import { ownerOf, tagMap, type SnsOperation } from './types.js';

/** Topic names: letters, digits, hyphens and underscores; a FIFO topic's ends in .fifo (counted in the length). */
const TOPIC_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME_LENGTH}}$`);
const FIFO_TOPIC_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME_LENGTH - 5}}\\.fifo$`);

export const createTopic: SnsOperation<'CreateTopic'> = ({ sns }, input, ctx) => {
  const attributes = { ...input.Attributes };
  const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
  if (fifo) {
    attributes.FifoTopic = 'true';
    // AWS names the member only, as for a standard topic's bad name: "Invalid parameter: Topic Name"
    // (awsdocs/aws-cloudformation-user-guide#860 quotes it for a FIFO name without .fifo).
    if (!FIFO_TOPIC_NAME.test(input.Name)) throw snsErrors.invalidParameter('Topic Name');
  } else {
    // AWS does not keep an explicit FifoTopic=false.
    delete attributes.FifoTopic;
    if (!TOPIC_NAME.test(input.Name)) throw snsErrors.invalidParameter('Topic Name');
  }
  const tags = tagMap(input.Tags);
  if (Object.keys(tags).length > MAX_TAGS_PER_TOPIC) throw snsErrors.tagLimitExceeded();
  return { TopicArn: sns.createTopic(ownerOf(ctx), input.Name, attributes, tags, input.DataProtectionPolicy) };
};
