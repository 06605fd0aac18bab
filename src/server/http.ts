import { isInputError } from '@/members/errors';
import { LIMITS } from '@/members/input-limits';
import type { FieldError } from '@/members/profile-schema';

/** `400 {error, errors:[{field, message}]}`: the shape every API answers bad input with. */
export function badRequest(errors: FieldError[], what = 'input'): Response {
  return Response.json({ error: `Invalid ${what}: ${errors[0]?.field ?? 'body'}`, errors }, { status: 400 });
}

/**
 * The request body as JSON, read up to a size limit: a body over it, or one
 * that is not JSON, answers 400 naming `body` instead of being parsed whole.
 */
export async function readJsonBody(req: Request, maxBytes: number = LIMITS.maxBodyBytes): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  const tooLarge = () => ({ ok: false as const, response: badRequest([{ field: 'body', message: `Body is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB` }]) });
  if (declared > maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: badRequest([{ field: 'body', message: 'Body is not valid JSON' }]) };
  }
}

/** Runs `fn`; an InputError (from any bundle's copy of the class) becomes a 400 naming its fields. */
export function answerInputErrors(fn: () => Response, what = 'input'): Response {
  try {
    return fn();
  } catch (err) {
    if (isInputError(err)) return badRequest(err.fields, what);
    throw err;
  }
}

/** The same for work that waits (for the write lock). */
export async function answerInputErrorsAsync(fn: () => Promise<Response>, what = 'input'): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (isInputError(err)) return badRequest(err.fields, what);
    throw err;
  }
}
