import { z } from 'zod';
import type { ChannelProvider } from '../types';
import { postWithToken, templateData, wechatConfig, wechatFields } from './wechat-api';

export const wechatTemplateConfig = wechatConfig.extend({ url: z.string().trim().optional() });
export type WechatTemplateConfig = z.infer<typeof wechatTemplateConfig>;

/** Official-account template message (`/cgi-bin/message/template/send`): `touser` is the member's OpenID. */
export const wechatTemplateProvider: ChannelProvider<WechatTemplateConfig> = {
  id: 'wechat_template',
  channels: ['wechat_template'],
  label: { en: 'WeChat official account (template message)', zh: '微信公众号(模板消息)' },
  configSchema: wechatTemplateConfig,
  fields: [...wechatFields, { key: 'url', label: { en: 'Link opened from the message', zh: '消息跳转链接' }, kind: 'url', optional: true }],
  async send(config, msg, ctx) {
    const openId = msg.recipient.wechatOpenId;
    if (!openId) return { ok: false, retry: false, reason: 'no_recipient: the member has no WeChat OpenID' };
    const templateId = msg.templateId || config.templateId;
    if (!templateId) return { ok: false, retry: false, reason: 'A WeChat template message needs a template id (templateId)' };
    return postWithToken(config, ctx, '/cgi-bin/message/template/send', {
      touser: openId,
      template_id: templateId,
      ...(config.url ? { url: config.url } : {}),
      data: templateData(msg.params ?? { content: msg.text }),
      // WeChat drops a repeated client_msg_id within a short window: the effect's key makes a retried send a no-op there.
      client_msg_id: msg.idempotencyKey.slice(0, 64),
    });
  },
};
