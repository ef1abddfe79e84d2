/** Where a mapping reads from. */
export type SourceKind = 'sqs' | 'kinesis';

/** A mapping's settings, named as AWS names them in EventSourceMappingConfiguration. */
export interface MappingSettings {
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: string[];
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
  ScalingConfig?: { MaximumConcurrency?: number };
  // Streams only:
  StartingPosition?: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  /** Epoch milliseconds (a Date on the wire). */
  StartingPositionTimestampMs?: number;
  ParallelizationFactor?: number;
  DestinationConfig?: { OnFailure?: { Destination?: string } };
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  TumblingWindowInSeconds?: number;
}

/** A mapping as the engine hands it out. */
export interface Mapping {
  uuid: string;
  accountId: string;
  region: string;
  functionArn: string;
  eventSourceArn: string;
  source: SourceKind;
  settings: MappingSettings;
  enabled: boolean;
  lastProcessingResult?: string;
  lastModifiedMs: number;
  tags: Record<string, string>;
}

/** The states AWS reports; the transitional ones are answered by the call that starts them. */
export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

/** A mapping as an operation answers it: the mapping and the state to show. */
export interface MappingView {
  mapping: Mapping;
  state: MappingState;
}

export function sourceKindOf(arn: string): SourceKind | undefined {
  if (arn.startsWith('arn:aws:sqs:')) return 'sqs';
  if (/^arn:aws:kinesis:[^:]+:\d{12}:stream\/[^/]+$/.test(arn)) return 'kinesis';
  return undefined;
}

export function mappingArnOf(mapping: Pick<Mapping, 'region' | 'accountId' | 'uuid'>): string {
  return `arn:aws:lambda:${mapping.region}:${mapping.accountId}:event-source-mapping:${mapping.uuid}`;
}

const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PARTIAL_ARN = /^(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

/** A function name, partial ARN or ARN → its ARN in the caller's account and region (as Lambda resolves FunctionName). */
export function functionArnOf(functionName: string, accountId: string, region: string): string {
  if (FUNCTION_ARN.test(functionName)) return functionName;
  const m = PARTIAL_ARN.exec(functionName);
  if (!m) return functionName;
  return `arn:aws:lambda:${region}:${m[1] ?? accountId}:function:${m[2]}${m[3] ? `:${m[3]}` : ''}`;
}

/** `arn:aws:lambda:…:function:orders-consumer[:qualifier]` → `orders-consumer`. */
export function functionNameOf(functionArn: string): string {
  const m = FUNCTION_ARN.exec(functionArn);
  return m ? m[3]! : functionArn;
}
