import { i18n } from './index';

// Strings of the runtime status page, added to the shared i18n instance when the page loads.
const en = {
  runtime: {
    heading: 'Runtime',
    waiting: 'Members waiting',
    dueTimers: 'Timers due now',
    outboxPending: 'Effects pending',
    outboxDead: 'Dead letters',
    latencyP50: 'Timer lateness p50',
    latencyP99: 'Timer lateness p99',
    stepsPerSecond: 'Steps / s (last minute)',
    deadHeading: 'Dead letters',
    deadHint: 'Effects that failed for good (e.g. a webhook answering errors). Retrying keeps the same idempotency key.',
    none: 'No dead letters.',
    journey: 'Journey',
    node: 'Node',
    member: 'Member',
    channel: 'Channel',
    attempts: 'Attempts',
    reason: 'Reason',
    created: 'Created',
    retry: 'Retry',
    ms: '{{value}} ms',
  },
};
const zh: typeof en = {
  runtime: {
    heading: '运行状态',
    waiting: '等待中的会员',
    dueTimers: '已到期的定时器',
    outboxPending: '待执行动作',
    outboxDead: '死信',
    latencyP50: '定时延迟 p50',
    latencyP99: '定时延迟 p99',
    stepsPerSecond: '每秒步数(近一分钟)',
    deadHeading: '死信',
    deadHint: '多次重试仍失败的动作(如 Webhook 持续报错)。重试会沿用同一幂等键。',
    none: '没有死信。',
    journey: '旅程',
    node: '节点',
    member: '会员',
    channel: '渠道',
    attempts: '尝试次数',
    reason: '原因',
    created: '创建时间',
    retry: '重试',
    ms: '{{value}} 毫秒',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
