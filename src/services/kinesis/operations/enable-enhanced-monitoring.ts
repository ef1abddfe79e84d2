import { changeMonitoring, type MonitoringInput } from './enhanced-monitoring.js';
import type { KinesisOperation } from './types.js';

export const enableEnhancedMonitoring: KinesisOperation<MonitoringInput, unknown> = (engine, input, ctx) => changeMonitoring(engine, input, ctx, true);
