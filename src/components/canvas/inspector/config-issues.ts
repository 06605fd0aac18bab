import { getNodeKind, type Locale } from '@/journey';
import type { ZodType } from 'zod';
import { issueText } from '@/journey/field-messages';

export interface ConfigIssue {
  /** Dotted path inside the config, '' for the config as a whole: "paths.1.key". */
  path: string;
  message: string;
}

interface RawIssue {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: RawIssue[][];
}

/** A union that matched nothing reports one issue per option: keep the option that came closest. */
function flatten(issue: RawIssue, prefix: PropertyKey[]): RawIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    if (closest.length) return closest.flatMap((i) => flatten(i, path));
  }
  return [{ ...issue, path }];
}

/**
 * What the node kind's own schema and checks say about a config, by field. The forms show
 * these on the matching field, so a field is flagged exactly when the node is.
 */
export function configIssues(kind: string, config: unknown, locale: Locale): ConfigIssue[] {
  const def = getNodeKind(kind);
  if (!def) return [];
  const parsed = def.configSchema.safeParse(config);
  if (!parsed.success) return zodIssues(parsed.error.issues as RawIssue[], locale);
  return (def.check?.(parsed.data) ?? []).map((p) => ({ path: p.path, message: locale === 'zh-CN' ? p.message.zh : p.message.en }));
}

/** What any schema says about a value, by field, in the current language (e.g. a segment's condition). */
export function schemaIssues(schema: ZodType, value: unknown, locale: Locale): ConfigIssue[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error.issues as RawIssue[], locale);
}

function zodIssues(issues: RawIssue[], locale: Locale): ConfigIssue[] {
  return issues
    .flatMap((i) => flatten(i, []))
    .map((i) => {
      const text = issueText(i, i.path);
      return { path: i.path.map(String).join('.'), message: locale === 'zh-CN' ? text.zh : text.en };
    });
}

export interface IssueLookup {
  /** The first issue at `path` or inside it; `text` replaces the schema's wording with the form's translated one. */
  at(path: string, text?: string): string | null;
  /** Only an issue about `path` itself, not its fields. */
  exactly(path: string, text?: string): string | null;
}

export function issueLookup(issues: ConfigIssue[]): IssueLookup {
  const find = (match: (p: string) => boolean, text?: string) => {
    const hit = issues.find((i) => match(i.path));
    return hit ? (text ?? hit.message) : null;
  };
  return {
    at: (path, text) => find((p) => p === path || p.startsWith(`${path}.`), text),
    exactly: (path, text) => find((p) => p === path, text),
  };
}
