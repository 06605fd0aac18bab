'use client';

import './canvas/editor.css';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { exampleJourneys } from '@/journey/examples';
import { getNodeKind, pick } from '@/journey';
import { useLocale } from '@/i18n/provider';

/** Start a journey blank or from one of the example journeys; the typed name, if any, names it. */
export function TemplatesGallery({ name }: { name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(
    trpc.journeys.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/journeys/${encodeURIComponent(id)}`) }),
  );

  return (
    <div className="templates" data-testid="templates">
      <h3>{t('templates.heading')}</h3>
      <div className="template-grid">
        <button
          type="button"
          className="template-card"
          data-testid="template-blank"
          disabled={create.isPending}
          onClick={() => create.mutate({ name: name.trim() || t('templates.blankName') })}
        >
          <span className="template-title">＋ {t('templates.blank')}</span>
          <span className="template-desc">{t('templates.blankDesc')}</span>
        </button>
        {exampleJourneys.map((doc) => {
          const trigger = doc.nodes.find((n) => getNodeKind(n.kind)?.category === 'trigger');
          const triggerDef = trigger && getNodeKind(trigger.kind);
          const title = t(`templates.names.${doc.id}`, { defaultValue: doc.name });
          return (
            <button
              key={doc.id}
              type="button"
              className="template-card"
              data-testid={`template-${doc.id}`}
              disabled={create.isPending}
              onClick={() => create.mutate({ name: name.trim() || title, document: doc })}
            >
              <span className="template-title">{title}</span>
              <span className="template-desc">{t(`templates.descriptions.${doc.id}`, { defaultValue: doc.description ?? '' })}</span>
              <span className="template-meta muted small">
                {triggerDef ? `${triggerDef.icon} ${pick(triggerDef.label, locale)} · ` : ''}
                {t('templates.nodes', { count: doc.nodes.length })}
              </span>
            </button>
          );
        })}
      </div>
      {create.error && <p className="error">{create.error.message}</p>}
    </div>
  );
}
