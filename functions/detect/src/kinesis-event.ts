import { KinesisDataStreamRecord } from '@aws-lambda-powertools/parser/schemas';
import { z } from 'zod';

/**
 * The Kinesis event as the event source mapping delivers it. Powertools' record schema checks
 * the envelope; `data` stays base64 text because `@vigil/decode` sniffs the bytes itself
 * (gzip, JSON, flow text) and Powertools' own transform would parse it first.
 */
export const KinesisEventSchema = z.object({
  Records: z
    .array(
      KinesisDataStreamRecord.extend({
        kinesis: KinesisDataStreamRecord.shape.kinesis.extend({ data: z.base64() }),
      }),
    )
    .min(1),
});

export type KinesisEvent = z.infer<typeof KinesisEventSchema>;
export type KinesisEventRecord = KinesisEvent['Records'][number];
