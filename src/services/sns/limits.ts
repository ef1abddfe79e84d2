/** SNS quotas and defaults, each with where AWS states it. */

// https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
export const MAX_TOPIC_NAME_LENGTH = 256; // a FIFO topic's .fifo suffix included
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
export const MAX_MESSAGE_BYTES = 256 * 1024; // the message and its attributes together
export const MAX_SUBJECT_LENGTH = 100;
export const MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH = 256;
// https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;
// https://docs.aws.amazon.com/sns/latest/dg/sns-tags.html ("50 tags per topic")
export const MAX_TAGS_PER_TOPIC = 50;
// https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
// https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html ("up to 100 topics"), likewise subscriptions
export const LIST_PAGE_SIZE = 100;
// https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
export const MAX_FILTER_POLICY_KEYS = 5;
export const MAX_FILTER_POLICY_COMBINATIONS = 150;
export const MAX_FILTER_POLICY_BYTES = 256 * 1024;
