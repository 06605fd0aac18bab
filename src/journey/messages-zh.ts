/**
 * Simplified Chinese for the validation messages the schemas write in
 * English, so a marketer working in 中文 never sees an English sentence in the
 * problems panel or on a node. Messages built at run time (with names in
 * them) carry their own Chinese; these are the fixed ones.
 */
export const fixedMessages: Record<string, string> = {
  'A journey needs a name': '旅程需要一个名称',
  'A splitter needs at least two paths': '分流至少需要两条路径',
  'Add or remove at least one tag': '至少添加或移除一个标签',
  'An A/B test needs at least two variants': 'A/B 测试至少需要两个版本',
  'Choose a segment or describe the audience with a condition': '请选择人群,或用条件描述目标人群',
  'Choose the date attribute (e.g. birthday)': '请选择日期属性(例如生日)',
  'Choose the event that starts the journey': '请选择启动旅程的事件',
  'Choose the event to count': '请选择要计数的事件',
  'Choose the event to wait for': '请选择要等待的事件',
  'Choose the tier': '请选择会员等级',
  'Describe the task for the associate': '请描述给导购的任务',
  'Expected a time like "09:00"': '请输入时间,例如 "09:00"',
  'Expected a time like "10:00"': '请输入时间,例如 "10:00"',
  'Expected an ISO 8601 instant with offset': '请输入带时区偏移的 ISO 8601 时间,例如 2026-11-11T00:00:00+08:00',
  'Expected an http(s) URL': '请输入 http(s) 网址',
  'Group ids use letters, digits, "_" and "-"': '客群 ID 只能包含字母、数字、"_" 和 "-"',
  'Handle "timeout" is not connected': '"超时"出口未连接',
  'Name the experiment': '请为实验命名',
  'No trigger': '没有触发节点',
  'Not a valid cron expression (e.g. "0 9 * * 1")': '不是有效的 cron 表达式(例如 "0 9 * * 1")',
  'Not an ISO 8601 duration (e.g. PT1H, P3D)': '不是有效的时长(例如 PT1H 表示 1 小时,P3D 表示 3 天)',
  'Path keys use letters, digits, "_" and "-"': '路径标识只能包含字母、数字、"_" 和 "-"',
  'Points must be a positive whole number': '积分必须是正整数',
  'Set either an instant (at) or a cron schedule': '请设置具体时间或 cron 周期,二选一',
  'Set either an instant (at) or a local time (time)': '请设置具体时间或当地时刻,二选一',
  'Set either one condition (yes/no) or a list of branches': '请设置一个条件(是/否)或一组分支,二选一',
  'Tags are short words without spaces': '标签是不含空格的短词',
  'Unknown time zone (e.g. "Asia/Shanghai")': '未知的时区(例如 "Asia/Shanghai")',
  'Variant keys use letters, digits, "_" and "-"': '版本标识只能包含字母、数字、"_" 和 "-"',
  'Weights must be positive': '权重必须大于 0',
  'Hold out between 0.1% and 50% of entrants': '全局对照组比例须在 0.1% 到 50% 之间',
  'Write the message text': '请填写消息内容',
  'A duration is required (e.g. PT1H, P3D)': '请填写时长(例如 PT1H、P3D)',
  'A wait for an event needs a timeout (e.g. P3D)': '等待事件需要设置超时时长(例如 P3D)',
  'How long to wait? (e.g. P3D)': '要等待多久?(例如 P3D)',
};

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
  return fixedMessages[issue.message] ?? byCode(issue) ?? `配置错误:${issue.message}`;
}
