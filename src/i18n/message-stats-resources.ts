import { i18n } from './index';
import type { SameShape } from './tree';

// What became of a message node's messages, on the canvas and in the report.
const en = {
  messageStats: {
    recordOnly: 'Record only',
    recordOnlyHint: 'No provider sends this channel (Settings → Channels): its messages are recorded, nothing leaves.',
    sent: 'sent',
    delivered: 'delivered',
    failed: 'failed',
    clicked: 'clicked',
    opened: 'opened',
    recorded: 'recorded only',
    queued: 'queued',
    skipped: 'skipped',
    heading: 'Messages',
    hint: 'Per message node, for messages created in the range. Sent = accepted by the provider; delivered, opened and failed come from delivery receipts (for email over SMTP and in-app messages, acceptance is delivery); clicked from tracked links. Record-only messages never left.',
    node: 'Node',
    channel: 'Channel',
    via: 'Sends through',
    empty: 'No messages in this range.',
    rate: '{{share}} of sent',
  },
};
const zh: SameShape<typeof en> = {
  messageStats: {
    recordOnly: '仅记录',
    recordOnlyHint: '此渠道未配置服务商(设置 → 渠道):消息只记录,不会真正发出。',
    sent: '已发送',
    delivered: '已送达',
    failed: '失败',
    clicked: '已点击',
    opened: '已打开',
    recorded: '仅记录',
    queued: '排队中',
    skipped: '已跳过',
    heading: '消息触达',
    hint: '按消息节点统计所选时间内创建的消息。已发送 = 服务商已受理;已送达、已打开、失败来自回执(SMTP 邮件和站内信受理即送达);已点击来自追踪链接。仅记录的消息从未发出。',
    node: '节点',
    channel: '渠道',
    via: '发送方式',
    empty: '所选时间内没有消息。',
    rate: '占已发送 {{share}}',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
