import { readPath } from '@/journey';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Channels whose text ends up in HTML (email bodies, in-app messages): their variables are escaped. */
export const HTML_CHANNELS = new Set(['email', 'in_app']);

/**
 * Fills `{{member.name}}`-style variables with data fields only: a value that
 * is not a string, number or boolean (an object, a function, a missing field)
 * renders empty, so `{{member.constructor}}` shows nothing and braces never leak.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>, opts: { html?: boolean } = {}): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, path: string) => {
    const v = readPath(scope, path);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return '';
    const text = String(v);
    return opts.html ? text.replace(/[&<>"']/g, (c) => HTML[c]) : text;
  });
}
