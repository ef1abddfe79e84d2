/**
 * The ARNs of what wharf emulates, built and read in one place.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** A named resource of one account and region: a queue, a topic, a stream. */
export interface ResourceKey {
  accountId: string;
  region: string;
  name: string;
}

/** The parts of any ARN: `arn:partition:service:region:account-id:resource` (the resource may hold colons). */
export interface ParsedArn {
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2]!, region: parts[3]!, accountId: parts[4]!, resource: parts.slice(5).join(':') };
}

// ── SQS ──────────────────────────────────────────────────────────────────────────────────

/** A queue ARN as SQS accepts one in a RedrivePolicy or a message move task. */
const QUEUE_ARN = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

export function queueArnOf(key: ResourceKey): string {
  return `arn:aws:sqs:${key.region}:${key.accountId}:${key.name}`;
}

/** The queue an ARN names, or undefined when the text is not a queue ARN. */
export function queueKeyOfArn(arn: string): ResourceKey | undefined {
  const match = QUEUE_ARN.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]!, name: match[3]! } : undefined;
}

// ── SNS ──────────────────────────────────────────────────────────────────────────────────

export function topicArnOf(key: ResourceKey): string {
  return `arn:aws:sns:${key.region}:${key.accountId}:${key.name}`;
}

export function platformApplicationArnOf(key: ResourceKey, platform: string): string {
  return `arn:aws:sns:${key.region}:${key.accountId}:app/${platform}/${key.name}`;
}

// ── Kinesis ──────────────────────────────────────────────────────────────────────────────

const STREAM_ARN = /^arn:aws[\w-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/;
const CONSUMER_ARN = /^arn:aws[\w-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)\/consumer\/([a-zA-Z0-9_.-]+):\d+$/;

export function streamArnOf(key: ResourceKey): string {
  return `arn:aws:kinesis:${key.region}:${key.accountId}:stream/${key.name}`;
}

/** `<stream arn>/consumer/<name>:<creation time in epoch seconds>`. */
export function consumerArnOf(stream: ResourceKey, consumerName: string, createdAtMs: number): string {
  return `${streamArnOf(stream)}/consumer/${consumerName}:${Math.floor(createdAtMs / 1000)}`;
}

/** The stream an ARN names, or undefined when the text is not a stream ARN. */
export function streamKeyOfArn(arn: string): ResourceKey | undefined {
  const match = STREAM_ARN.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]!, name: match[3]! } : undefined;
}

/** The stream and consumer a consumer ARN names, or undefined when the text is not one. */
export function consumerOfArn(arn: string): { stream: ResourceKey; consumerName: string } | undefined {
  const match = CONSUMER_ARN.exec(arn);
  return match ? { stream: { region: match[1]!, accountId: match[2]!, name: match[3]! }, consumerName: match[4]! } : undefined;
}

// ── IAM ──────────────────────────────────────────────────────────────────────────────────

/** The principal that stands for a whole account in a policy. */
export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
