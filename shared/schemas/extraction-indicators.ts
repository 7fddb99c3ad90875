/**
 * The indicators `npm run extract` reads (scripts/extract.ts): a list of leaves of an agreement,
 * template or scenario as they are (other fields are ignored), or an agreement itself. Kept apart from
 * ./extraction so the API's start-up code does not carry it.
 */
import { z } from '@hono/zod-openapi';
import { KeywordsSchema } from './extraction';
import { MeasureSchema } from './scenario';

export const ExtractionIndicatorSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  measure: MeasureSchema.default('number'),
  keywords: KeywordsSchema.default([]),
});

/** A list of leaves, or anything holding them: `{ leaves }`, `{ dimensions: [{ leaves }] }` (an agreement). */
export const ExtractionIndicatorsSchema = z.union([
  z.array(ExtractionIndicatorSchema),
  z.object({ leaves: z.array(ExtractionIndicatorSchema) }).transform((o) => o.leaves),
  z
    .object({ dimensions: z.array(z.object({ leaves: z.array(ExtractionIndicatorSchema) })) })
    .transform((o) => o.dimensions.flatMap((d) => d.leaves)),
]);
