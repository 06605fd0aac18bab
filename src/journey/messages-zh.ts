import { nodeKinds } from './nodes';

/**
 * Simplified Chinese for the validation messages the schemas write in
 * English, so a marketer working in 中文 never sees an English sentence in the
 * problems panel or on a node. Messages built at run time (with names in
 * them) carry their own Chinese; these are the fixed ones shared by several
 * schemas. A node kind's own messages sit in its module (`messages`).
 */
const sharedMessages: Record<string, string> = {
  'A journey needs a name': '旅程需要一个名称',
  'Expected a time like "09:00"': '请输入时间,例如 "09:00"',
  'Expected an ISO 8601 instant with offset': '请输入带时区偏移的 ISO 8601 时间,例如 2026-11-11T00:00:00+08:00',
  'Handle "timeout" is not connected': '"超时"出口未连接',
  'No trigger': '没有触发节点',
  'Not a valid cron expression (e.g. "0 9 * * 1")': '不是有效的 cron 表达式(例如 "0 9 * * 1")',
  'Not an ISO 8601 duration (e.g. PT1H, P3D)': '不是有效的时长(例如 PT1H 表示 1 小时,P3D 表示 3 天)',
  'Unknown time zone (e.g. "Asia/Shanghai")': '未知的时区(例如 "Asia/Shanghai")',
  'Hold out between 0.1% and 50% of entrants': '全局对照组比例须在 0.1% 到 50% 之间',
  'A duration is required (e.g. PT1H, P3D)': '请填写时长(例如 PT1H、P3D)',
};

/** The Chinese of a fixed English message: a shared one, or one a node kind declares (looked up per call: tests register kinds). */
export function fixedMessageZh(message: string): string | undefined {
  if (message in sharedMessages) return sharedMessages[message];
  for (const kind of nodeKinds) {
    const own = kind.messages?.find((m) => m.en === message);
    if (own) return own.zh;
  }
  return undefined;
}

/** What zod itself says, by issue code (its messages are English). */
interface IssueLike {
  code?: string;
  message: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  keys?: unknown;
}

function byCode(issue: IssueLike): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('undefined') ? '必填项' : `类型不正确(应为 ${String(issue.expected)})`;
    case 'too_small':
      return issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项` : issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `最多 ${String(issue.maximum)} 项` : issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在可选范围内';
    case 'unrecognized_keys':
      return `包含未知字段:${Array.isArray(issue.keys) ? issue.keys.join(', ') : ''}`;
    case 'invalid_union':
      return '配置不符合任何一种允许的写法';
    default:
      return undefined;
  }
}

/** The Chinese for a validation message: the fixed sentence, else zod's issue code, else the English with a prefix. */
export function messageZh(issue: IssueLike): string {
  return fixedMessageZh(issue.message) ?? byCode(issue) ?? `配置错误:${issue.message}`;
}
