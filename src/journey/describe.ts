import type { Condition } from './conditions';
import { Duration } from 'luxon';
import type { Locale } from './i18n-text';

const opText: Record<Locale, Record<string, string>> = {
  en: { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in', nin: 'not in', contains: 'contains', exists: 'exists', between: 'between' },
  'zh-CN': { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: '属于', nin: '不属于', contains: '包含', exists: '已填写', between: '介于' },
};

const words = {
  en: { and: ' & ', or: ' | ', not: (s: string) => `not (${s})`, segment: 'segment ', within: (d: string) => ` in ${d}`, times: '×' },
  'zh-CN': { and: ' 且 ', or: ' 或 ', not: (s: string) => `非(${s})`, segment: '人群 ', within: (d: string) => ` ${d}内`, times: '次' },
} as const;

/** A compact one-line reading of a condition for node summaries and segment lists, e.g. "tier = gold", "非(order_paid 90天内)". */
export function describeCondition(c: Condition | undefined, locale: Locale = 'en'): string {
  const w = words[locale];
  const op = opText[locale];
  const d = (x: Condition) => describeCondition(x, locale);
  if (!c) return '—';
  if ('all' in c) return c.all.map(d).join(w.and);
  if ('any' in c) return c.any.map(d).join(w.or);
  if ('not' in c) return w.not(d(c.not));
  if ('attr' in c) {
    if (c.op === 'exists') return `${c.attr} ${op.exists}`;
    const v = Array.isArray(c.value) ? c.value.join(', ') : String(c.value ?? '');
    return `${c.attr} ${op[c.op]} ${v}`;
  }
  if ('tag' in c) return `#${c.tag}`;
  if ('segment' in c) return `${w.segment}${c.segment}`;
  if ('event' in c) {
    const count = c.count ? ` ${op[c.count.op]} ${c.count.value}${w.times}` : '';
    // English keeps the ISO form marketers type in the inspector ("in P30D"); Chinese reads it out ("30天内").
    const within = c.within ? w.within(locale === 'en' ? c.within : asWritten(c.within)) : '';
    return `${c.event}${count}${within}`;
  }
  return `${c.time.between[0]}–${c.time.between[1]}`;
}

/** The duration in the units it was written in (P90D → 90天, not 3个月6天), falling back to the ISO text. */
function asWritten(iso: string): string {
  const d = Duration.fromISO(iso, { locale: 'zh-CN' });
  return d.isValid ? d.toHuman({ listStyle: 'narrow' }).replace(/\s+/g, '') : iso;
}
