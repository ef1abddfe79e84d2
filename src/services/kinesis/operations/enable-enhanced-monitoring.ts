import { changeMonitoring } from './enhanced-monitoring.js';
import type { KinesisOperation } from './types.js';

export const enableEnhancedMonitoring: KinesisOperation<'EnableEnhancedMonitoring'> = (engine, input, ctx) => changeMonitoring(engine, input, ctx, true);
