import { streamSummaryShape } from './output-shapes.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const describeStreamSummary: KinesisOperation<StreamTarget, unknown> = (engine, input, ctx) => ({
  StreamDescriptionSummary: streamSummaryShape(engine.describeStream(streamKeyOf(input, ctx))),
});
