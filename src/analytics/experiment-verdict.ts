import type { SrmResult } from './stats/classic';
import type { PowerResult, VariantResult } from './experiments';

export interface Decision {
  /**
   * declared: a winner was declared (no second one is offered). srm: the split is broken, nothing can be trusted.
   * no_data: an arm has no members. ready: `candidate` may be declared (its always-valid interval excludes 0).
   * harm: a treatment is significantly worse and nothing is better yet. keep_running: not distinguishable yet.
   */
  state: 'declared' | 'no_data' | 'srm' | 'ready' | 'harm' | 'keep_running';
  winner: string | null;
  candidate: string | null;
  /** Treatments whose always-valid interval lies below 0: significantly worse than the control. */
  harmed: string[];
}

interface Base {
  variants: VariantResult[];
  control: string | null;
  controlMarked: boolean;
  srm: SrmResult;
  power: PowerResult;
}

type Text = { en: string; zh: string };

/** Decimals that keep two significant digits of a small rate: 12.3%, 1.23%, 0.012%. */
export function rateDecimals(x: number): number {
  const a = Math.abs(x) * 100;
  if (a === 0 || a >= 10) return 1;
  return Math.min(4, Math.max(1, 1 - Math.floor(Math.log10(a))));
}

const number = (x: number, decimals: number, locale: string, sign = false) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: sign ? 'exceptZero' : 'auto' }).format(x);
const pct = (x: number, d: number, locale: string) => `${number(x * 100, d, locale)}%`;
const pp = (x: number, d: number, zh: boolean) => (zh ? `${number(x * 100, d, 'zh-CN', true)} 个百分点` : `${number(x * 100, d, 'en', true)} percentage points`);
const ppRange = (lo: number, hi: number, d: number, zh: boolean) =>
  zh ? `${number(lo * 100, d, 'zh-CN', true)} 至 ${number(hi * 100, d, 'zh-CN', true)} 个百分点` : `${number(lo * 100, d, 'en', true)} to ${number(hi * 100, d, 'en', true)} percentage points`;
const rel = (x: number | null, zh: boolean) => (x === null ? '' : zh ? `,相对提升 ${number(x * 100, 1, 'zh-CN', true)}%` : `, a relative lift of ${number(x * 100, 1, 'en', true)}%`);

/** The decision and its plain-words verdict (en + zh-CN), from the always-valid numbers only, so the two never contradict. */
export function explain(base: Base, winner: string | null, subject: 'experiment' | 'holdout'): { decision: Decision; verdict: Text } {
  const { variants, control } = base;
  const controlRow = variants.find((v) => v.key === control);
  const treatments = variants.filter((v) => v.key !== control);
  const harmed = treatments.filter((v) => v.vsControl?.direction === 'worse').map((v) => v.key);
  const decision = (state: Decision['state'], candidate: string | null = null): Decision => ({ state, winner, candidate, harmed });
  const d = rateDecimals(Math.min(...variants.filter((v) => v.assigned > 0).map((v) => v.rate || 1), 1));

  if (winner && subject === 'experiment') {
    return {
      decision: decision('declared'),
      verdict: { en: `“${winner}” was declared the winner: new entrants all take it. The numbers below are the test's history.`, zh: `已将“${winner}”设为胜出方案:新进入的会员都会进入该方案。下方数字为实验期间的历史数据。` },
    };
  }
  if (!controlRow || treatments.length === 0 || variants.some((v) => v.assigned === 0)) {
    return { decision: decision('no_data'), verdict: { en: 'Not enough data yet: every group needs members before anything can be compared.', zh: '数据不足:每个组都有会员后才能比较。' } };
  }
  if (base.srm.mismatch) {
    const zero = base.srm.zeroWeightTraffic.map((i) => variants[i].key).join(', ');
    return {
      decision: decision('srm'),
      verdict: zero
        ? { en: `Warning: members landed in ${zero}, which has weight 0. The split is broken: fix it before trusting any result.`, zh: `警告:权重为 0 的方案 ${zero} 中出现了会员,分流有误,请先修复再解读结果。` }
        : {
            en: `Warning: the split does not match the configured weights (p = ${base.srm.pValue.toExponential(1)}). Fix the assignment before trusting any result; do not declare a winner.`,
            zh: `警告:实际分流比例与配置不符(p = ${base.srm.pValue.toExponential(1)})。请先排查分流问题再解读结果,不要据此设定胜出方案。`,
          },
    };
  }

  const better = treatments.filter((v) => v.vsControl?.direction === 'better').sort((a, b) => b.rate - a.rate);
  const line = (v: VariantResult, zh: boolean) => {
    const c = v.vsControl!;
    const who = subject === 'holdout' ? (zh ? '参与旅程的会员' : 'Members in the journey') : v.key;
    const them = subject === 'holdout' ? (zh ? '全局对照组' : 'the held-out members') : zh ? `对照组 ${control}` : control;
    return zh
      ? `${who}转化率 ${pct(v.rate, d, 'zh-CN')},${them}为 ${pct(controlRow.rate, d, 'zh-CN')}:差 ${pp(c.absolute, d, true)}(始终有效 95% 区间 ${ppRange(c.sequential.ci.low, c.sequential.ci.high, d, true)})${rel(c.relative, true)}。`
      : `${who} convert${subject === 'holdout' ? '' : 's'} at ${pct(v.rate, d, 'en')} vs ${pct(controlRow.rate, d, 'en')} for ${them}: ${pp(c.absolute, d, false)} (always-valid 95% interval ${ppRange(c.sequential.ci.low, c.sequential.ci.high, d, false)})${rel(c.relative, false)}.`;
  };
  const harmText: Text | null = harmed.length
    ? {
        en: ` Warning: ${harmed.join(', ')} ${harmed.length > 1 ? 'do' : 'does'} significantly worse than ${control}; consider stopping ${harmed.length > 1 ? 'them' : 'it'}.`,
        zh: ` 警告:${harmed.join('、')} 明显差于对照组 ${control},建议停止。`,
      }
    : null;

  if (subject === 'holdout') {
    const v = treatments[0];
    const c = v.vsControl!;
    const tail: Text =
      c.direction === 'better'
        ? { en: ' The journey works: the always-valid interval excludes 0.', zh: '旅程有效:始终有效区间不含 0。' }
        : c.direction === 'worse'
          ? { en: ' Warning: members in the journey do worse than those held out.', zh: '警告:参与旅程的会员反而不如全局对照组。' }
          : { en: ' Not yet distinguishable from no journey at all: the interval still includes 0.', zh: '尚无法与"不参与旅程"区分:区间仍包含 0。' };
    return { decision: decision(c.direction === 'better' ? 'ready' : c.direction === 'worse' ? 'harm' : 'keep_running'), verdict: { en: line(v, false) + tail.en, zh: line(v, true) + tail.zh } };
  }

  if (better.length) {
    const top = better[0];
    return {
      decision: decision('ready', top.key),
      verdict: {
        en: `${line(top, false)} You can declare ${top.key} the winner: its always-valid interval excludes 0, so looking at the report every day does not inflate false winners.${harmText?.en ?? ''}`,
        zh: `${line(top, true)}可以将 ${top.key} 设为胜出方案:其始终有效区间不含 0,每天查看报告也不会增加误判。${harmText?.zh ?? ''}`,
      },
    };
  }
  if (harmed.length === treatments.length) {
    return {
      decision: decision('ready', control),
      verdict: {
        en: `Every variant does significantly worse than the control ${control}: keep the control (you can declare ${control} the winner).`,
        zh: `所有方案都明显差于对照组 ${control}:建议保留对照组(可将 ${control} 设为胜出方案)。`,
      },
    };
  }
  const leader = [...treatments].sort((a, b) => b.rate - a.rate)[0];
  const remaining = base.power.remainingPerArm ? Math.max(...base.power.remainingPerArm) : null;
  const more: Text =
    remaining && remaining > 0
      ? { en: ` About ${new Intl.NumberFormat('en').format(remaining)} more members per arm are needed to detect a ${Math.round(base.power.relativeMde * 100)}% relative lift.`, zh: `要检测 ${Math.round(base.power.relativeMde * 100)}% 的相对提升,每组还需约 ${new Intl.NumberFormat('zh-CN').format(remaining)} 人。` }
      : { en: '', zh: '' };
  return {
    decision: decision(harmed.length ? 'harm' : 'keep_running'),
    verdict: {
      en: `${line(leader, false)} Not a winner yet: the always-valid interval still includes 0, so the difference may be chance. Keep the test running and do not declare a winner.${more.en}${harmText?.en ?? ''}`,
      zh: `${line(leader, true)}尚不能判定胜出:始终有效区间仍包含 0,差异可能只是偶然。请继续实验,暂不要设定胜出方案。${more.zh}${harmText?.zh ?? ''}`,
    },
  };
}
