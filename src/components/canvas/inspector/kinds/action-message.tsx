'use client';

import { useTranslation } from 'react-i18next';
import { Mail } from 'lucide-react';
import actionMessage, { channels, channelLabels } from '@/journey/nodes/action-message';
import { useLocale } from '@/i18n/provider';
import { Field } from '../fields';
import { MessagePreview } from '../message-preview';
import { defineKindUi, type KindForm } from './define';

type Channel = (typeof channels)[number];

const MessageForm: KindForm<typeof actionMessage> = ({ config, onChange }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <Field label={t('inspector.channel')}>
        <select value={String(config.channel ?? 'sms')} data-testid="inspector-channel" onChange={(e) => onChange({ ...config, channel: e.target.value as Channel })}>
          {channels.map((c) => (
            <option key={c} value={c}>
              {locale === 'zh-CN' ? channelLabels[c].zh : channelLabels[c].en}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('inspector.template')}
        hint={
          <>
            {t('inspector.templateHint')} <code>{'{{member.name}}'}</code>
          </>
        }
      >
        <textarea rows={4} value={String(config.template ?? '')} data-testid="inspector-template" onChange={(e) => onChange({ ...config, template: e.target.value })} />
      </Field>
      <MessagePreview template={String(config.template ?? '')} channel={String(config.channel ?? 'sms')} />
    </>
  );
};

export default defineKindUi(actionMessage, { icon: Mail, form: MessageForm });
