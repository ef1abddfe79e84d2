/** Kinesis quotas and fixed values, each with its source. */

/** https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html */
export const DEFAULT_RETENTION_HOURS = 24;
export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;
/** Default shard quota per account and region (us-east-1 and a few others have 500; most 200). */
export const DEFAULT_SHARD_LIMIT = 500;
export const ON_DEMAND_STREAM_COUNT_LIMIT = 50;
/** On-demand streams start with 4 shards. */
export const ON_DEMAND_INITIAL_SHARDS = 4;
export const DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
/** PutRecords: 500 records and 5 MiB per request (10 MiB since the 10 MiB record change). */
export const MAX_PUT_RECORDS_BYTES = 10 * 1024 * 1024;
/** GetRecords: at most 10,000 records and 10 MiB per call. */
export const MAX_GET_RECORDS = 10_000;
export const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;
/** Shard iterators expire 5 minutes after they are issued. */
export const ITERATOR_TTL_MS = 300_000;
/** A SubscribeToShard subscription lasts 5 minutes. */
export const SUBSCRIPTION_TTL_MS = 300_000;
/** Per-shard throughput: writes 1 MiB/s or 1,000 records/s; shared reads 2 MiB/s and 5 calls/s. */
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;
export const SHARD_READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
export const SHARD_READ_CALLS_PER_SECOND = 5;
/** Up to 20 registered consumers per stream; 50 tags per TagResource/AddTagsToStream call. */
export const MAX_CONSUMERS_PER_STREAM = 20;
export const MAX_TAGS_PER_STREAM = 50;
/** DescribeStream returns at most 100 shards per call; ListStreams 10 names by default. */
export const DESCRIBE_STREAM_DEFAULT_LIMIT = 100;
export const LIST_STREAMS_DEFAULT_LIMIT = 100;
export const LIST_SHARDS_DEFAULT_LIMIT = 1000;
