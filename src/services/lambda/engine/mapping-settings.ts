import { lambdaErrors } from '../errors.js';
import { isValidPattern } from './filters.js';
import type { MappingSettings, SourceKind } from './types.js';

/** The settings a Create or Update request may carry, model-shaped. */
export interface RequestedSettings {
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
  ScalingConfig?: { MaximumConcurrency?: number };
  StartingPosition?: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  StartingPositionTimestamp?: Date;
  ParallelizationFactor?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  TumblingWindowInSeconds?: number;
}

/** Members that only stream sources take; an SQS mapping with one is refused. */
const STREAM_ONLY = [
  'StartingPosition',
  'StartingPositionTimestamp',
  'ParallelizationFactor',
  'DestinationConfig',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'TumblingWindowInSeconds',
] as const;

/** AWS's defaults per source (https://docs.aws.amazon.com/lambda/latest/dg/API_CreateEventSourceMapping.html). */
function defaults(source: SourceKind): MappingSettings {
  if (source === 'sqs') return { BatchSize: 10, MaximumBatchingWindowInSeconds: 0, FunctionResponseTypes: [] };
  return {
    BatchSize: 100,
    MaximumBatchingWindowInSeconds: 0,
    FunctionResponseTypes: [],
    ParallelizationFactor: 1,
    DestinationConfig: { OnFailure: {} },
    MaximumRecordAgeInSeconds: -1,
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    TumblingWindowInSeconds: 0,
  };
}

/** A new mapping's settings: AWS's defaults, the request's values, then the per-source rules. */
export function settingsForCreate(source: SourceKind, fifo: boolean, requested: RequestedSettings): MappingSettings {
  checkSourceMembers(source, requested);
  if (source === 'kinesis') {
    if (!requested.StartingPosition) throw lambdaErrors.startingPositionMissing();
    if (requested.StartingPosition === 'AT_TIMESTAMP' && !requested.StartingPositionTimestamp) throw lambdaErrors.timestampMissing();
  }
  const settings = merge(defaults(source), requested);
  if (requested.StartingPosition) settings.StartingPosition = requested.StartingPosition;
  if (requested.StartingPosition === 'AT_TIMESTAMP' && requested.StartingPositionTimestamp)
    settings.StartingPositionTimestampMs = requested.StartingPositionTimestamp.getTime();
  checkRules(source, fifo, settings);
  return settings;
}

/** An updated mapping's settings: the stored ones with the request's values over them (StartingPosition cannot change). */
export function settingsForUpdate(source: SourceKind, fifo: boolean, current: MappingSettings, requested: RequestedSettings): MappingSettings {
  checkSourceMembers(source, requested);
  const settings = merge(structuredClone(current), requested);
  checkRules(source, fifo, settings);
  return settings;
}

function merge(settings: MappingSettings, requested: RequestedSettings): MappingSettings {
  const copy = <K extends keyof MappingSettings & keyof RequestedSettings>(key: K) => {
    if (requested[key] !== undefined) (settings as unknown as Record<string, unknown>)[key] = requested[key];
  };
  copy('BatchSize');
  copy('MaximumBatchingWindowInSeconds');
  copy('FunctionResponseTypes');
  copy('ParallelizationFactor');
  copy('MaximumRecordAgeInSeconds');
  copy('BisectBatchOnFunctionError');
  copy('MaximumRetryAttempts');
  copy('TumblingWindowInSeconds');
  if (requested.FilterCriteria !== undefined) {
    // An update with empty FilterCriteria removes the filters, as AWS documents.
    if ((requested.FilterCriteria.Filters ?? []).length === 0) delete settings.FilterCriteria;
    else settings.FilterCriteria = requested.FilterCriteria;
  }
  if (requested.ScalingConfig !== undefined) {
    if (requested.ScalingConfig.MaximumConcurrency === undefined) delete settings.ScalingConfig;
    else settings.ScalingConfig = requested.ScalingConfig;
  }
  if (requested.DestinationConfig !== undefined) settings.DestinationConfig = { OnFailure: { ...requested.DestinationConfig.OnFailure } };
  return settings;
}

function checkSourceMembers(source: SourceKind, requested: RequestedSettings): void {
  if (requested.DestinationConfig?.OnSuccess) throw lambdaErrors.unsupportedParameter('DestinationConfig');
  if (source === 'sqs') {
    for (const name of STREAM_ONLY) if (requested[name] !== undefined) throw lambdaErrors.unsupportedParameter(name);
  } else if (requested.ScalingConfig !== undefined) {
    throw lambdaErrors.unsupportedParameter('ScalingConfig');
  }
}

function checkRules(source: SourceKind, fifo: boolean, settings: MappingSettings): void {
  if (source === 'sqs') {
    if (fifo && settings.BatchSize > 10) throw lambdaErrors.fifoBatchSize();
    if (fifo && settings.MaximumBatchingWindowInSeconds > 0) throw lambdaErrors.fifoBatchWindow();
    if (settings.BatchSize > 10 && settings.MaximumBatchingWindowInSeconds === 0) throw lambdaErrors.batchWindowRequired();
  } else {
    const age = settings.MaximumRecordAgeInSeconds ?? -1;
    if (age !== -1 && age < 60) throw lambdaErrors.recordAge();
  }
  for (const filter of settings.FilterCriteria?.Filters ?? []) {
    if (!isPatternObject(filter.Pattern) || !isValidPattern(filter.Pattern!)) throw lambdaErrors.invalidFilterPattern();
  }
}

function isPatternObject(pattern: string | undefined): boolean {
  if (!pattern) return false;
  try {
    const parsed: unknown = JSON.parse(pattern);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
