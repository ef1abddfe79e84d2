import { streamSummaryShape } from './output-shapes.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const describeStreamSummary: KinesisOperation<'DescribeStreamSummary'> = (engine, input, ctx) => ({
  StreamDescriptionSummary: streamSummaryShape(engine.describeStream(streamKeyOf(input, ctx))),
});
