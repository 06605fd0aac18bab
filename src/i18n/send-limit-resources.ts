import { i18n } from './index';

// Send rate limits (issue 15): a channel's provider in Settings → Channels, and a journey's own limit in its settings.
const en = {
  sendLimit: {
    heading: 'Send rate limit',
    hint: 'At most this many messages go to the provider in any second / minute, across all engine workers. The excess waits its turn in order; nothing is dropped. Leave empty for no limit.',
    perSecond: 'Per second',
    perMinute: 'Per minute',
    save: 'Save limit',
    saved: 'Limit saved',
    failed: 'Not saved: {{message}}',
    journey: 'Max sends per minute',
    journeyHint: 'This journey hands at most this many messages to channel providers per minute; the excess waits its turn. Empty: no journey limit (the providers’ own limits still apply).',
  },
};
const zh: typeof en = {
  sendLimit: {
    heading: '发送速率限制',
    hint: '任意一秒/一分钟内最多向服务商发送这么多条消息(所有引擎进程合计)。超出部分按顺序排队等待,不会丢失。留空表示不限制。',
    perSecond: '每秒',
    perMinute: '每分钟',
    save: '保存限制',
    saved: '已保存',
    failed: '未保存:{{message}}',
    journey: '每分钟最多发送',
    journeyHint: '本旅程每分钟最多向渠道服务商发送这么多条消息,超出部分排队等待。留空表示旅程不限(服务商自身的限制仍然生效)。',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
