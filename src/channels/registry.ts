import { channelLabels, channels } from '@/journey/nodes/action-message';
import { aliyunSmsProvider } from './providers/aliyun-sms';
import { genericHttpProvider } from './providers/generic-http';
import { inAppProvider } from './providers/in-app';
import { jpushProvider } from './providers/jpush';
import { smtpProvider } from './providers/smtp';
import { tencentSmsProvider } from './providers/tencent-sms';
import { wechatSubscribeProvider } from './providers/wechat-subscribe';
import { wechatTemplateProvider } from './providers/wechat-template';
import { wecomProvider } from './providers/wecom';
import type { AnyProvider, Label } from './types';

/** Every provider module; a new one is added here and nowhere else. */
export const PROVIDERS: readonly AnyProvider[] = [
  smtpProvider,
  genericHttpProvider,
  aliyunSmsProvider,
  tencentSmsProvider,
  wechatTemplateProvider,
  wechatSubscribeProvider,
  jpushProvider,
  wecomProvider,
  inAppProvider,
];

/** The channels a provider can send; webhooks are configured on their node and sent by the runtime itself. */
export const PROVIDER_CHANNELS = channels.filter((c) => c !== 'webhook');
export type ProviderChannel = (typeof PROVIDER_CHANNELS)[number];

export function channelLabel(channel: string): Label {
  return channelLabels[channel as ProviderChannel] ?? { en: channel, zh: channel };
}

export function providerById(id: string): AnyProvider | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

export function providersFor(channel: string): AnyProvider[] {
  return PROVIDERS.filter((p) => p.channels.includes(channel));
}

/** Channels that send without any configuration (their provider needs no credentials). */
export const BUILT_IN: Partial<Record<string, AnyProvider>> = { in_app: inAppProvider };
