import { changeMonitoring } from './enhanced-monitoring.js';
import type { KinesisOperation } from './types.js';

export const disableEnhancedMonitoring: KinesisOperation<'DisableEnhancedMonitoring'> = (engine, input, ctx) => changeMonitoring(engine, input, ctx, false);
