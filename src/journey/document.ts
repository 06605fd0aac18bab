import { z } from 'zod';
import { conditionSchema } from './conditions';
import { parseDuration } from './duration';

/** An ISO 8601 duration field; `missing` names what the field is for when it is absent. */
export function isoDurationField(missing = 'A duration is required (e.g. PT1H, P3D)') {
  return z.string({ error: missing }).refine((s) => parseDuration(s) !== null, { message: 'Not an ISO 8601 duration (e.g. PT1H, P3D)' });
}
export const isoDuration = isoDurationField();

export const nodeIdPattern = /^(?!__)[A-Za-z0-9_-]{1,64}$/;

export const journeyNodeSchema = z.object({
  id: z.string().regex(nodeIdPattern, 'Node ids use letters, digits, "_" and "-" and do not start with "__"'),
  kind: z.string().min(1),
  config: z.record(z.string(), z.unknown()).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  label: z.string().optional(),
});

export const journeyEdgeSchema = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).optional().nullable(),
  target: z.string().min(1),
});

export const entrySchema = z
  .object({
    reentry: z.enum(['never', 'after_exit', 'always']).default('never'),
    minInterval: isoDuration.optional(),
    maxEntries: z.number().int().positive().optional(),
    window: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
  })
  .default({ reentry: 'never' });

export const goalSchema = z.object({
  event: z.string().min(1),
  where: conditionSchema.optional(),
  within: isoDuration.optional(),
  exitOnGoal: z.boolean().default(false),
});

export const SEND_RATE_RANGE = 'Max sends per minute is a whole number from 1 to 1,000,000';
export const HOLDOUT_RANGE = 'Hold out between 0.1% and 50% of entrants';

export const journeyDocumentSchema = z.object({
  format: z.literal('journey/v1'),
  id: z.string().min(1),
  name: z.string().min(1, 'A journey needs a name'),
  description: z.string().optional(),
  entry: entrySchema,
  goal: goalSchema.optional(),
  exitWhen: z.array(z.object({ event: z.string().min(1), where: conditionSchema.optional() })).optional(),
  /**
   * Per-journey sending policy: what happens to a message that falls in quiet hours, and at most how many messages
   * the journey hands to channel providers per minute (the excess waits its turn).
   */
  policy: z
    .object({
      quietHours: z.enum(['defer', 'skip', 'off']).default('defer'),
      maxSendsPerMinute: z.number({ error: SEND_RATE_RANGE }).int(SEND_RATE_RANGE).min(1, SEND_RATE_RANGE).max(1_000_000, SEND_RATE_RANGE).optional(),
    })
    .optional(),
  /**
   * Global control group: this share of entrants (by a hash of journey, "holdout" and member, like a split) is enrolled
   * and counted but gets no messages or rewards, so the report can show the journey's own lift against them.
   */
  holdout: z.object({ percent: z.number({ error: HOLDOUT_RANGE }).min(0.1, HOLDOUT_RANGE).max(50, HOLDOUT_RANGE) }).optional(),
  nodes: z.array(journeyNodeSchema),
  edges: z.array(journeyEdgeSchema),
});

export type JourneyDocument = z.infer<typeof journeyDocumentSchema>;
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;

export const DEFAULT_HANDLE = 'out';

export function edgeHandle(edge: JourneyEdge): string {
  return edge.sourceHandle || DEFAULT_HANDLE;
}

export function emptyDocument(id: string, name: string): JourneyDocument {
  return { format: 'journey/v1', id, name, entry: { reentry: 'never' }, nodes: [], edges: [] };
}
