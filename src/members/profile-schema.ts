import { z } from 'zod';
import { isCleanText, jsonLimitProblem } from './input-limits';

/** Member ids: what the brand's CRM uses, printable, at most 128 characters. */
export const memberIdSchema = z
  .string({ error: 'memberId must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine(isCleanText, 'must not contain control characters or broken UTF-8');

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(isCleanText, 'must not contain control characters or broken UTF-8');

/** Phone numbers as people write them ("+86 138-0013-8000"), stored as digits with an optional leading "+". */
export function normalisePhone(raw: string): string {
  const plus = raw.trim().startsWith('+') ? '+' : '';
  return plus + raw.replace(/\D/g, '');
}

const phoneSchema = z
  .string()
  .max(40, 'must be at most 40 characters')
  .refine((s) => /^\+?[\d\s().-]+$/.test(s.trim()), 'must be a phone number (digits, spaces, "-", "+")')
  .transform(normalisePhone)
  .refine((s) => s.replace('+', '').length >= 5 && s.replace('+', '').length <= 20, 'must have 5 to 20 digits');

const calendarDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'must be a date YYYY-MM-DD');

// Building an Intl.DateTimeFormat is the costliest check of an import row: each zone name is checked once.
const zones = new Map<string, boolean>();
function isTimeZone(tz: string): boolean {
  let known = zones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      known = tz.includes('/') || tz === 'UTC';
    } catch {
      known = false;
    }
    if (zones.size < 10_000) zones.set(tz, known);
  }
  return known;
}

const key = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'keys are lower-case words like "sms"');
export const tagSchema = z.string().regex(/^[\w\u4e00-\u9fa5-]{1,40}$/, 'tags are short words without spaces');

const limited = (what: string) => (v: unknown, ctx: z.RefinementCtx) => {
  const problem = jsonLimitProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `${what}: ${problem}` });
};

export const IDENTITY_TYPES = ['phone', 'email', 'wechatOpenId', 'wechatUnionId', 'deviceId'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

const identityValue = text(128).pipe(z.string().min(1, 'must not be empty'));

/** Fields of a profile; every one optional, `null` clears it. Shared by HTTP, tRPC, the CLI import and events' `profile`. */
const profileFields = {
  name: text(200).nullable(),
  phone: phoneSchema.nullable(),
  email: z.string().trim().toLowerCase().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address')).nullable(),
  gender: z.enum(['female', 'male', 'other', 'unknown'], { error: 'must be female, male, other or unknown' }).nullable(),
  birthday: calendarDate.nullable(),
  city: text(80).nullable(),
  store: text(80).nullable(),
  associate: text(80).nullable(),
  tier: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a tier key like "gold"'),
  points: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(1e12, 'is too large'),
  growth: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(1e12, 'is too large'),
  storedValue: z.number({ error: 'must be a number' }).int('must be a whole number (cents)').min(0, 'must be 0 or more').max(1e12, 'is too large'),
  tz: z.string().refine(isTimeZone, 'must be an IANA time zone like "Asia/Shanghai"'),
  consent: z.record(key, z.boolean({ error: 'must be true or false' })),
  tags: z.array(tagSchema).max(200, 'at most 200 tags'),
  /** Merged key by key into what is stored; a `null` value removes the key. */
  attributes: z.record(z.string().regex(/^[A-Za-z_][\w]{0,63}$/, 'attribute names are words like "rfm"'), z.unknown()).superRefine(limited('attributes')),
  identities: z
    .object({ wechatOpenId: identityValue.nullable(), wechatUnionId: identityValue.nullable(), deviceId: identityValue.nullable() })
    .partial()
    .strict(),
  joinedAt: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be a date YYYY-MM-DD or an ISO 8601 instant')
    .transform((s) => (s.length === 10 ? s : new Date(Date.parse(s)).toISOString().slice(0, 10)))
    .nullable(),
  joinChannel: text(64).nullable(),
};

export const profileChangesSchema = z.object(profileFields).partial().strict();
export const memberProfileSchema = profileChangesSchema.extend({ id: memberIdSchema }).strict();

/** What an event's `profile` or an upsert carries, after validation (phone normalised, email lower-cased). */
export type ProfileChanges = z.infer<typeof profileChangesSchema>;
export type MemberProfile = z.infer<typeof memberProfileSchema>;

export const PROFILE_FIELDS = Object.keys(profileFields) as (keyof ProfileChanges)[];
export const MAX_PROFILES_PER_REQUEST = 10_000;

export interface FieldError {
  field: string;
  message: string;
}

/** Turns zod issues into `{field, message}` with the item's index in front when the input was a list. */
export function fieldErrors(issues: z.core.$ZodIssue[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join(prefix && path ? '.' : '');
    return { field: field || 'body', message: path ? `${path.split('.').pop()} ${issue.message}` : issue.message };
  });
}

/** One profile or a list of them (≤ 10,000); every problem comes back with its field, e.g. `[3].birthday`. */
export function parseProfiles(body: unknown): { ok: true; profiles: MemberProfile[] } | { ok: false; errors: FieldError[] } {
  const single = !Array.isArray(body);
  const list: unknown[] = single ? [body] : (body as unknown[]);
  if (list.length === 0) return { ok: false, errors: [{ field: 'body', message: 'Send one profile or a non-empty array of profiles' }] };
  if (list.length > MAX_PROFILES_PER_REQUEST) return { ok: false, errors: [{ field: 'body', message: `At most ${MAX_PROFILES_PER_REQUEST} profiles per request` }] };
  const errors: FieldError[] = [];
  const profiles: MemberProfile[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const prefix = single ? '' : `[${i}]`;
    const parsed = memberProfileSchema.safeParse(item);
    if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues, prefix));
    else if (seen.has(parsed.data.id)) errors.push({ field: prefix ? `${prefix}.id` : 'id', message: `id "${parsed.data.id}" appears twice in the request` });
    else {
      seen.add(parsed.data.id);
      profiles.push(parsed.data);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, profiles };
}
