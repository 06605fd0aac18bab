import { z } from 'zod';
import type { ChannelProvider } from '../types';
import { postWithToken, templateData, wechatConfig, wechatFields } from './wechat-api';

export const wechatSubscribeConfig = wechatConfig.extend({
  page: z.string().trim().optional(),
  state: z.enum(['formal', 'trial', 'developer'], { error: 'state must be formal, trial or developer' }).default('formal'),
});
export type WechatSubscribeConfig = z.infer<typeof wechatSubscribeConfig>;

/**
 * Mini-program subscribe message (`/cgi-bin/message/subscribe/send`): needs the
 * member's authorisation per template; WeChat's 43101 ("user refused") turns the
 * member's consent for the channel off.
 */
export const wechatSubscribeProvider: ChannelProvider<WechatSubscribeConfig> = {
  id: 'wechat_subscribe',
  channels: ['miniprogram'],
  label: { en: 'WeChat mini-program (subscribe message)', zh: '微信小程序(订阅消息)' },
  configSchema: wechatSubscribeConfig,
  fields: [
    ...wechatFields,
    { key: 'page', label: { en: 'Page opened from the message', zh: '点击跳转页面' }, optional: true, placeholder: 'pages/index/index' },
    { key: 'state', label: { en: 'Mini-program version', zh: '小程序版本' }, kind: 'select', options: ['formal', 'trial', 'developer'] },
  ],
  async send(config, msg, ctx) {
    const openId = msg.recipient.wechatOpenId;
    if (!openId) return { ok: false, retry: false, reason: 'no_recipient: the member has no WeChat OpenID' };
    const templateId = msg.templateId || config.templateId;
    if (!templateId) return { ok: false, retry: false, reason: 'A subscribe message needs a template id (templateId)' };
    return postWithToken(config, ctx, '/cgi-bin/message/subscribe/send', {
      touser: openId,
      template_id: templateId,
      ...(config.page ? { page: config.page } : {}),
      miniprogram_state: config.state,
      lang: 'zh_CN',
      data: templateData(msg.params ?? { thing1: msg.text.slice(0, 20) }),
    });
  },
};
