import { z } from 'zod';
import { defineNodeKind } from './types';

export const channels = ['sms', 'email', 'wechat_template', 'miniprogram', 'app_push', 'wecom', 'in_app', 'webhook'] as const;
export const channelLabels: Record<(typeof channels)[number], { en: string; zh: string }> = {
  sms: { en: 'SMS', zh: '短信' },
  email: { en: 'Email', zh: '邮件' },
  wechat_template: { en: 'WeChat template', zh: '公众号模板消息' },
  miniprogram: { en: 'Mini-program message', zh: '小程序订阅消息' },
  app_push: { en: 'App push', zh: 'App推送' },
  wecom: { en: 'WeCom (associate)', zh: '企业微信' },
  in_app: { en: 'In-app message', zh: '站内信' },
  webhook: { en: 'Webhook', zh: 'Webhook' },
};

const text = {
  template: { en: 'Write the message text', zh: '请填写消息内容' },
  url: { en: 'Expected an http(s) URL', zh: '请输入 http(s) 网址' },
};
const config = z.object({
  channel: z.enum(channels),
  template: z.string().min(1, text.template.en),
  vars: z.record(z.string(), z.string()).optional(),
  url: z.url({ error: text.url.en }).optional(),
  /** Email only: the subject line (a template like the text). */
  subject: z.string().max(200, 'A subject has at most 200 characters').optional(),
  /** Template-based channels (SMS signatures, WeChat template / subscribe messages): the provider's template id and its params. */
  templateId: z.string().max(128).optional(),
  params: z.record(z.string(), z.string()).optional(),
  /** Rewrite links in the message to tracked /r/ links (clicks become `message_clicked` events). */
  trackLinks: z.boolean().optional(),
});
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'action.message',
  category: 'action',
  label: { en: 'Send message', zh: '消息触达' },
  description: { en: 'Reach the member on a channel with a personalised template', zh: '通过短信、微信、推送等渠道触达会员' },
  icon: '✉',
  configSchema: config,
  defaultConfig: { channel: 'sms', template: 'Hi {{member.name}}' },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  check: (c) => (c.channel === 'webhook' && !c.url ? [{ path: 'url', message: { en: 'A webhook needs a URL', zh: 'Webhook 需要填写 URL' } }] : []),
  summary: (c, locale) => `${locale === 'zh-CN' ? channelLabels[c.channel].zh : channelLabels[c.channel].en}: ${c.template.slice(0, 40)}`,
  compile: (c, ctx) => ({
    entry: [{ type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'message', channel: c.channel, template: c.template, ...(c.vars ? { vars: c.vars } : {}), ...(c.url ? { url: c.url } : {}), ...(c.subject ? { subject: c.subject } : {}), ...(c.templateId ? { templateId: c.templateId } : {}), ...(c.params ? { params: c.params } : {}), ...(c.trackLinks ? { trackLinks: true } : {}), quietHours: ctx.doc.policy?.quietHours ?? 'defer' } } }],
    always: ctx.leave('out'),
  }),
  // Called with the stored config, which may not be valid yet.
  sends: (c) => ({ channel: String(c.channel), ...(c.url ? { url: c.url } : {}) }),
  idPrefix: 'msg',
  messages: [text.template, text.url],
  examples: [
    { channel: 'sms', template: 'Hi {{member.name}}' },
    { channel: 'email', subject: 'Welcome, {{member.name}}', template: 'Your coupon: https://example.com/c', trackLinks: true },
    { channel: 'webhook', template: '{"member":"{{member.id}}"}', url: 'https://hooks.example.com/journey' },
  ],
});
