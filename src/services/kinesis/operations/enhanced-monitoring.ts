import type { EnableEnhancedMonitoringInput, EnhancedMonitoringOutput } from '../../../generated/kinesis.js';
import type { KinesisEngine } from '../engine/kinesis-engine.js';
import type { RequestContext } from '../../../protocol/service.js';
import { streamKeyOf } from './stream-target.js';

/** Enable's and Disable's inputs have the same members. */
export type MonitoringInput = EnableEnhancedMonitoringInput;

/** Shared by Enable/DisableEnhancedMonitoring: both answer with the metrics before and after. */
export function changeMonitoring(engine: KinesisEngine, input: MonitoringInput, ctx: RequestContext, enable: boolean): EnhancedMonitoringOutput {
  const { current, desired, view } = engine.setShardLevelMetrics(streamKeyOf(input, ctx), input.ShardLevelMetrics, enable);
  return { StreamName: view.name, StreamARN: view.arn, CurrentShardLevelMetrics: current, DesiredShardLevelMetrics: desired };
}
