import { z } from 'zod';
import { jsonLimitProblem } from '@/members/input-limits';
import { fieldErrors, IDENTITY_TYPES, memberIdSchema, normalisePhone, profileChangesSchema, type FieldError } from '@/members/profile-schema';

export type { FieldError } from '@/members/profile-schema';

/** How a brand knows a member when it does not send our id: resolved through the identities table (OneID). */
export const identitySchema = z
  .object({
    type: z.enum(IDENTITY_TYPES, { error: `type must be one of ${IDENTITY_TYPES.join(', ')}` }),
    value: z.string({ error: 'value is required' }).min(1, 'value must not be empty').max(254, 'value must be at most 254 characters'),
  })
  .strict()
  .transform((i) => ({ ...i, value: i.type === 'phone' ? normalisePhone(i.value) : i.type === 'email' ? i.value.trim().toLowerCase() : i.value }));

/** One incoming behaviour event, as accepted by `POST /api/events`, `events.ingest` and `journey import`. */
export const incomingEventSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    memberId: memberIdSchema.optional(),
    identity: identitySchema.optional(),
    type: z
      .string({ error: 'type is required' })
      .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'type must be a lower-case event name like "order_paid"'),
    occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO 8601 instant with offset' }).optional(),
    properties: z
      .record(z.string(), z.unknown())
      .superRefine((v, ctx) => {
        const problem = jsonLimitProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: `properties: ${problem}` });
      })
      .optional(),
    /** Creates or updates the member in the same transaction, before the event is processed. */
    profile: profileChangesSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.memberId === undefined && e.identity === undefined) ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'memberId is required' });
    if (e.memberId !== undefined && e.identity !== undefined) ctx.addIssue({ code: 'custom', path: ['identity'], message: 'give memberId or identity, not both' });
  });

export type IncomingEvent = z.input<typeof incomingEventSchema>;
export type ParsedEvent = z.output<typeof incomingEventSchema>;

export const MAX_EVENTS_PER_REQUEST = 10_000;

/** Validates one event or an array; returns every problem with the field it concerns. */
export function parseIncomingEvents(body: unknown): { ok: true; events: ParsedEvent[] } | { ok: false; errors: FieldError[] } {
  const single = !Array.isArray(body);
  const list: unknown[] = single ? [body] : (body as unknown[]);
  if (list.length === 0) return { ok: false, errors: [{ field: 'body', message: 'Send one event or a non-empty array of events' }] };
  if (list.length > MAX_EVENTS_PER_REQUEST) {
    return { ok: false, errors: [{ field: 'body', message: `At most ${MAX_EVENTS_PER_REQUEST} events per request` }] };
  }
  const errors: FieldError[] = [];
  const events: ParsedEvent[] = [];
  list.forEach((item, i) => {
    const parsed = incomingEventSchema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else errors.push(...eventFieldErrors(parsed.error.issues, single ? '' : `[${i}]`));
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}

/** Event messages already say which field they are about ("memberId is required"); profile ones get the field name in front. */
function eventFieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    if (path[0] === 'profile' && path.length > 1) return fieldErrors([issue], prefix)[0];
    const joined = path.join('.');
    const field = prefix ? (joined ? `${prefix}.${joined}` : prefix) : joined || 'event';
    return { field, message: issue.message };
  });
}
