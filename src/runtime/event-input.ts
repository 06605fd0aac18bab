import { z } from 'zod';

/** One incoming behaviour event, as accepted by `POST /api/events` and `events.ingest`. */
export const incomingEventSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    memberId: z.string({ error: 'memberId is required' }).min(1, 'memberId must not be empty'),
    type: z
      .string({ error: 'type is required' })
      .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'type must be a lower-case event name like "order_paid"'),
    occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO 8601 instant with offset' }).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type IncomingEvent = z.infer<typeof incomingEventSchema>;

export const MAX_EVENTS_PER_REQUEST = 10_000;

export interface FieldError {
  field: string;
  message: string;
}

/** Validates one event or an array; returns every problem with the field it concerns. */
export function parseIncomingEvents(body: unknown): { ok: true; events: IncomingEvent[] } | { ok: false; errors: FieldError[] } {
  const single = !Array.isArray(body);
  const list: unknown[] = single ? [body] : (body as unknown[]);
  if (list.length === 0) return { ok: false, errors: [{ field: 'body', message: 'Send one event or a non-empty array of events' }] };
  if (list.length > MAX_EVENTS_PER_REQUEST) {
    return { ok: false, errors: [{ field: 'body', message: `At most ${MAX_EVENTS_PER_REQUEST} events per request` }] };
  }
  const errors: FieldError[] = [];
  const events: IncomingEvent[] = [];
  list.forEach((item, i) => {
    const parsed = incomingEventSchema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join('.') : 'event';
        errors.push({ field: single ? field : `[${i}].${field}`, message: issue.message });
      }
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}
