import type { Bilingual } from './i18n-text';
import { fixedMessageZh } from './messages-zh';

/**
 * Validation messages a marketer reads: zod's generic sentences ("Too small: expected string to have >=1
 * characters") become per-field ones in both languages ("Coupon id is required" / "请填写优惠券编号").
 * Messages a schema writes itself (refinements, explicit texts) are kept, with their Chinese.
 */

/** Field names by the last key of the path; `reward.value` and friends are told apart by their parent. */
const fields: Record<string, Bilingual> = {
  couponId: { en: 'Coupon id', zh: '优惠券编号' },
  'reward.value': { en: 'Coupon value', zh: '优惠券面额' },
  benefitId: { en: 'Benefit id', zh: '权益编号' },
  'reward.amount': { en: 'Amount', zh: '发放数量' },
  total: { en: 'Total budget', zh: '总预算' },
  perDay: { en: 'Daily budget', zh: '每日预算' },
  event: { en: 'Event', zh: '事件' },
  experiment: { en: 'Experiment name', zh: '实验名称' },
  key: { en: 'Key', zh: '标识' },
  weight: { en: 'Weight', zh: '权重' },
  label: { en: 'Branch name', zh: '分支名称' },
  attr: { en: 'Attribute', zh: '属性' },
  offsetDays: { en: 'Days before / after', zh: '提前/推后天数' },
  at: { en: 'Time', zh: '时间' },
  time: { en: 'Time', zh: '时刻' },
  tz: { en: 'Time zone', zh: '时区' },
  cron: { en: 'Repeat schedule', zh: '重复周期' },
  template: { en: 'Message text', zh: '消息内容' },
  subject: { en: 'Email subject', zh: '邮件主题' },
  channel: { en: 'Channel', zh: '渠道' },
  duration: { en: 'Duration', zh: '时长' },
  timeout: { en: 'Timeout', zh: '超时时长' },
  within: { en: 'Time window', zh: '时间范围' },
  segment: { en: 'Segment', zh: '人群' },
  tag: { en: 'Tag', zh: '标签' },
  add: { en: 'Tags to add', zh: '要添加的标签' },
  remove: { en: 'Tags to remove', zh: '要移除的标签' },
  task: { en: 'Task', zh: '任务' },
  due: { en: 'Due in', zh: '完成期限' },
  group: { en: 'Group', zh: '客群' },
  delta: { en: 'Change', zh: '变化量' },
  tier: { en: 'Tier', zh: '会员等级' },
  name: { en: 'Name', zh: '名称' },
  maxEntries: { en: 'Maximum entries', zh: '最多进入次数' },
  minInterval: { en: 'Minimum interval', zh: '最短间隔' },
  url: { en: 'URL', zh: '网址' },
  op: { en: 'Comparison', zh: '比较方式' },
  value: { en: 'Value', zh: '比较值' },
  'count.value': { en: 'Count', zh: '次数' },
  count: { en: 'Count rule', zh: '计数条件' },
  reward: { en: 'Reward', zh: '奖励' },
  schedule: { en: 'Schedule', zh: '执行时间' },
  condition: { en: 'Condition', zh: '条件' },
  paths: { en: 'Paths', zh: '路径' },
  variants: { en: 'Variants', zh: '实验版本' },
  branches: { en: 'Branches', zh: '分支' },
  between: { en: 'Time range', zh: '时间段' },
  days: { en: 'Days', zh: '日期' },
  from: { en: 'Start', zh: '开始' },
  to: { en: 'End', zh: '结束' },
};

const types: Record<string, Bilingual> = {
  number: { en: 'a number', zh: '数字' },
  int: { en: 'a whole number', zh: '整数' },
  string: { en: 'text', zh: '文字' },
  boolean: { en: 'yes or no', zh: '是或否' },
  array: { en: 'a list', zh: '列表' },
  object: { en: 'a set of fields', zh: '一组字段' },
};

export interface IssueLike {
  code?: string;
  message: string;
  path?: PropertyKey[];
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  origin?: unknown;
  input?: unknown;
  keys?: unknown;
}

/** The field an issue is about, from its path ("reward.couponId" → Coupon id); null for the config as a whole. */
export function fieldName(path: readonly PropertyKey[]): Bilingual | null {
  const keys = path.filter((k): k is string => typeof k === 'string');
  if (keys.length === 0) return null;
  const last = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  return (parent && fields[`${parent}.${last}`]) || fields[last] || { en: last, zh: last };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Per-field text for a zod issue, or null when the issue carries a message of the schema's own. */
function generic(issue: IssueLike, f: Bilingual): Bilingual | null {
  const n = (x: unknown) => String(x);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null || issue.message.includes('undefined')) return { en: `${f.en} is required`, zh: `请填写${f.zh}` };
      const ty = types[String(issue.expected)] ?? { en: String(issue.expected), zh: String(issue.expected) };
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return { en: `${f.en} is required`, zh: `请填写${f.zh}` };
      return { en: `${f.en} must be ${ty.en}`, zh: `${f.zh}应为${ty.zh}` };
    }
    case 'too_small': {
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { en: `${f.en} is required`, zh: `请填写${f.zh}` } : { en: `${f.en} needs at least ${n(issue.minimum)} characters`, zh: `${f.zh}至少需要 ${n(issue.minimum)} 个字符` };
      }
      if (issue.origin === 'array') return { en: `${f.en} needs at least ${n(issue.minimum)}`, zh: `${f.zh}至少需要 ${n(issue.minimum)} 项` };
      // positive() is an exclusive minimum of 0: "must be greater than 0", never "cannot be less than 0".
      return issue.inclusive === false
        ? { en: `${f.en} must be greater than ${n(issue.minimum)}`, zh: `${f.zh}必须大于 ${n(issue.minimum)}` }
        : { en: `${f.en} must be at least ${n(issue.minimum)}`, zh: `${f.zh}不能小于 ${n(issue.minimum)}` };
    }
    case 'too_big':
      if (issue.origin === 'string') return { en: `${f.en} can be at most ${n(issue.maximum)} characters`, zh: `${f.zh}最多 ${n(issue.maximum)} 个字符` };
      if (issue.origin === 'array') return { en: `${f.en} can have at most ${n(issue.maximum)}`, zh: `${f.zh}最多 ${n(issue.maximum)} 项` };
      return issue.inclusive === false
        ? { en: `${f.en} must be less than ${n(issue.maximum)}`, zh: `${f.zh}必须小于 ${n(issue.maximum)}` }
        : { en: `${f.en} can be at most ${n(issue.maximum)}`, zh: `${f.zh}不能大于 ${n(issue.maximum)}` };
    case 'invalid_format':
      return { en: `${f.en} is not in the right format`, zh: `${f.zh}格式不正确` };
    case 'invalid_value':
      return { en: `${f.en}: choose one of the options`, zh: `请从选项中选择${f.zh}` };
    case 'not_multiple_of':
      return { en: `${f.en} must be a whole number`, zh: `${f.zh}必须是整数` };
    default:
      return null;
  }
}

/** A zod issue as a marketer reads it, in both languages. */
export function issueText(issue: IssueLike, path: readonly PropertyKey[] = issue.path ?? []): Bilingual {
  const own = fixedMessageZh(issue.message);
  if (own) return { en: issue.message, zh: own };
  const f = fieldName(path);
  const text = generic(issue, f ?? { en: 'This setting', zh: '此项' });
  if (text) return { en: cap(text.en), zh: text.zh };
  if (issue.code === 'unrecognized_keys') {
    const keys = Array.isArray(issue.keys) ? issue.keys.join(', ') : '';
    return { en: `Unknown setting: ${keys}`, zh: `包含未知字段:${keys}` };
  }
  if (issue.code === 'invalid_union') return { en: f ? `${f.en}: this combination of settings is not allowed` : 'This combination of settings is not allowed', zh: `${f ? `${f.zh}:` : ''}配置不符合任何一种允许的写法` };
  // A refinement's own message (it names its field already); its Chinese comes from the fixed table or a prefix.
  return { en: issue.message, zh: `${f ? `${f.zh}:` : ''}${issue.message}` };
}
