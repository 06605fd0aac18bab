import type { Condition } from './conditions';

const opText: Record<string, string> = {
  eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in', nin: 'not in', contains: 'contains', exists: 'exists', between: 'between',
};

/** A compact one-line reading of a condition for node summaries, e.g. "tier = gold". */
export function describeCondition(c: Condition | undefined): string {
  if (!c) return '—';
  if ('all' in c) return c.all.map(describeCondition).join(' & ');
  if ('any' in c) return c.any.map(describeCondition).join(' | ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('attr' in c) {
    if (c.op === 'exists') return `${c.attr} exists`;
    const v = Array.isArray(c.value) ? c.value.join(', ') : String(c.value ?? '');
    return `${c.attr} ${opText[c.op]} ${v}`;
  }
  if ('tag' in c) return `#${c.tag}`;
  if ('segment' in c) return `segment ${c.segment}`;
  if ('event' in c) return `${c.event}${c.count ? ` ${opText[c.count.op]} ${c.count.value}×` : ''}${c.within ? ` in ${c.within}` : ''}`;
  return `${c.time.between[0]}–${c.time.between[1]}`;
}
