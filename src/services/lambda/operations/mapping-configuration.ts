import { mappingArnOf, type MappingView } from '../engine/types.js';

/** A mapping as AWS answers it (EventSourceMappingConfiguration): SQS mappings show fewer members than stream mappings. */
export function mappingConfiguration({ mapping, state }: MappingView): Record<string, unknown> {
  const s = mapping.settings;
  const stream = mapping.source === 'kinesis';
  return {
    UUID: mapping.uuid,
    ...(s.StartingPosition ? { StartingPosition: s.StartingPosition } : {}),
    ...(s.StartingPositionTimestampMs !== undefined ? { StartingPositionTimestamp: new Date(s.StartingPositionTimestampMs) } : {}),
    BatchSize: s.BatchSize,
    MaximumBatchingWindowInSeconds: s.MaximumBatchingWindowInSeconds,
    ...(stream ? { ParallelizationFactor: s.ParallelizationFactor } : {}),
    EventSourceArn: mapping.eventSourceArn,
    ...(s.FilterCriteria ? { FilterCriteria: s.FilterCriteria } : {}),
    FunctionArn: mapping.functionArn,
    LastModified: new Date(mapping.lastModifiedMs),
    ...(stream ? { LastProcessingResult: mapping.lastProcessingResult ?? 'No records processed' } : {}),
    State: state,
    // AWS's own wording differs per source: SQS says USER_INITIATED, streams say "User action".
    StateTransitionReason: stream ? 'User action' : 'USER_INITIATED',
    ...(stream
      ? {
          DestinationConfig: s.DestinationConfig ?? { OnFailure: {} },
          MaximumRecordAgeInSeconds: s.MaximumRecordAgeInSeconds,
          BisectBatchOnFunctionError: s.BisectBatchOnFunctionError,
          MaximumRetryAttempts: s.MaximumRetryAttempts,
          TumblingWindowInSeconds: s.TumblingWindowInSeconds,
        }
      : {}),
    FunctionResponseTypes: s.FunctionResponseTypes,
    ...(s.ScalingConfig ? { ScalingConfig: s.ScalingConfig } : {}),
    EventSourceMappingArn: mappingArnOf(mapping),
  };
}
