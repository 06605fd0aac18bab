import { i18n } from './index';
import type { SameShape } from './tree';

// Strings of Settings → Channels (admins only) and of the public unsubscribe / link pages.
const en = {
  channels: {
    nav: 'Channels',
    heading: 'Channels and providers',
    intro: 'Pick the provider that sends each channel. A channel without a provider only records its messages: nothing leaves.',
    noSecretsKey: 'SECRETS_KEY is not set on the server: provider credentials cannot be saved until it is.',
    channel: 'Channel',
    provider: 'Provider',
    none: '— none (record only) —',
    mode: {
      provider: 'Sends through {{provider}}',
      env: 'Sends through SMTP from the environment (SMTP_URL)',
      builtin: 'Built in: always delivered',
      record_only: 'Record only — not sent',
    },
    secretSet: 'set',
    secretNotSet: 'not set',
    secretHint: 'Leave empty to keep the stored value',
    optional: 'optional',
    save: 'Save',
    saved: 'Saved',
    remove: 'Remove provider',
    edit: 'Configure',
    cancel: 'Cancel',
    updated: 'Updated {{date}} by {{who}}',
    test: 'Send a test message',
    testTo: 'To (email, phone, OpenID, device id or member id)',
    testSend: 'Send test',
    testSent: 'Test message sent{{id}}',
    testFailed: 'Test failed: {{reason}}',
    testRecordOnly: 'This channel has no provider: nothing was sent',
    failed: 'Not saved: {{message}}',
    receiptUrl: 'Receipt callback URL',
    page: {
      unsubscribeTitle: 'Unsubscribe',
      unsubscribeAsk: 'Stop receiving {{channel}} messages from us?',
      unsubscribeButton: 'Unsubscribe',
      unsubscribed: 'You are unsubscribed from {{channel}} messages.',
      unknownLink: 'This link is not valid (it may be mistyped or expired).',
    },
  },
};

const zh: SameShape<typeof en> = {
  channels: {
    nav: '渠道',
    heading: '触达渠道与服务商',
    intro: '为每个渠道选择发送服务商。未配置服务商的渠道只记录消息,不会真正发出。',
    noSecretsKey: '服务器未设置 SECRETS_KEY:设置之前无法保存服务商凭据。',
    channel: '渠道',
    provider: '服务商',
    none: '— 无(仅记录)—',
    mode: {
      provider: '通过 {{provider}} 发送',
      env: '通过环境变量配置的 SMTP 发送(SMTP_URL)',
      builtin: '内置:始终送达',
      record_only: '仅记录 — 不发送',
    },
    secretSet: '已设置',
    secretNotSet: '未设置',
    secretHint: '留空则保留已保存的值',
    optional: '可选',
    save: '保存',
    saved: '已保存',
    remove: '移除服务商',
    edit: '配置',
    cancel: '取消',
    updated: '{{who}} 于 {{date}} 更新',
    test: '发送测试消息',
    testTo: '发送至(邮箱、手机号、OpenID、设备 ID 或会员 ID)',
    testSend: '发送测试',
    testSent: '测试消息已发送{{id}}',
    testFailed: '测试失败:{{reason}}',
    testRecordOnly: '该渠道未配置服务商:未发送任何消息',
    failed: '未保存:{{message}}',
    receiptUrl: '回执回调地址',
    page: {
      unsubscribeTitle: '退订',
      unsubscribeAsk: '不再接收我们的{{channel}}消息?',
      unsubscribeButton: '退订',
      unsubscribed: '您已退订{{channel}}消息。',
      unknownLink: '该链接无效(可能输入有误或已失效)。',
    },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zh, true, false);
