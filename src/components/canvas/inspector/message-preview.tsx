'use client';

import { useDeferredValue } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import '@/i18n/designer-resources';

/**
 * The message as a sample member (the first in the workspace) would get it, updated while typing. Rendered on
 * the server with the runtime's own template code, personal data masked for whoever may not read it.
 */
export function MessagePreview({ template, channel }: { template: string; channel: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const typed = useDeferredValue(template);
  const preview = useQuery({ ...trpc.tools.previewMessage.queryOptions({ template: typed, channel }), enabled: typed.trim() !== '', placeholderData: keepPreviousData, staleTime: 60_000 });
  if (!template.trim()) return <p className="field-hint">{t('designer.previewEmpty')}</p>;
  const p = preview.data;
  return (
    <div className="message-preview" data-testid="message-preview">
      {p?.memberId && <div className="field-hint">{t('designer.preview', { name: p.name, id: p.memberId })}</div>}
      <div className="message-bubble" data-testid="message-preview-text">
        {p?.text ?? '…'}
      </div>
    </div>
  );
}
