import { readPath } from '@/journey';

/** Fills `{{member.name}}`-style variables; unknown variables render empty rather than leaking braces. */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, path: string) => {
    const v = readPath(scope, path);
    return v === undefined || v === null ? '' : String(v);
  });
}
