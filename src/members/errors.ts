import type { FieldError } from './profile-schema';

/**
 * Input that names a field wrongly: the request gets a 400 (or the CLI exit 1)
 * listing every `{field, message}`, and nothing from it is stored.
 *
 * Recognised with `isInputError`, never `instanceof`: the started app bundles
 * route handlers separately, so the engine on `globalThis` may have been built
 * with another copy of this class.
 */
export class InputError extends Error {
  readonly inputError = true as const;
  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'InputError';
  }
}

export function isInputError(err: unknown): err is InputError {
  return typeof err === 'object' && err !== null && (err as { inputError?: unknown }).inputError === true && Array.isArray((err as { fields?: unknown }).fields);
}
