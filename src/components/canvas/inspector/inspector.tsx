'use client';

import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getNodeKind, pick } from '@/journey';
import { useLocale } from '@/i18n/provider';
import { useTRPC } from '@/components/trpc-provider';
import { currentDocument, useEditor } from '@/stores/editor';
import { JourneySettings } from './journey-settings';
import { JsonConfigForm } from './json-form';
import { useIssues, VocabularyContext } from './form-kit';
import { kindUi } from './kinds';
import { collectVocabulary } from './vocabulary';
import { NodeIcon } from '../node-icon';

export function Inspector() {
  const selectedId = useEditor((s) => s.nodes.find((n) => n.selected)?.id ?? null);
  // Undo, redo and import rewrite configs behind the forms' backs: remount them so local text follows.
  const restoredSeq = useEditor((s) => s.restoredSeq);
  return (
    <section className="inspector" data-testid="inspector">
      {selectedId ? <NodeInspector key={`${selectedId}:${restoredSeq}`} nodeId={selectedId} /> : <JourneySettings key={restoredSeq} />}
    </section>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const updateConfig = useEditor((s) => s.updateConfig);
  const removeNode = useEditor((s) => s.removeNode);
  // Read once per opened node: the pickers need the journey's names, not every keystroke of them.
  const [openedDocument] = useState(currentDocument);
  // The workspace's own segments, groups, tags and events; the pickers work without them until they arrive.
  const trpc = useTRPC();
  const workspace = useQuery({ ...trpc.members.vocabulary.queryOptions(), staleTime: 60_000 });
  const vocabulary = useMemo(() => collectVocabulary(openedDocument, workspace.data), [openedDocument, workspace.data]);
  // JSON edits rewrite the config behind the form's back: remount it so its local text follows.
  const [formKey, setFormKey] = useState(0);
  const onChange = useCallback((config: Record<string, unknown>) => updateConfig(nodeId, config), [nodeId, updateConfig]);
  const onJsonChange = useCallback(
    (config: Record<string, unknown>) => {
      updateConfig(nodeId, config);
      setFormKey((k) => k + 1);
    },
    [nodeId, updateConfig],
  );
  // One path for every form: the kind's schema and checks, by field, in the current language.
  const issues = useIssues(data?.kind ?? '', data?.config ?? {});
  if (!data) return null;
  const def = getNodeKind(data.kind);
  const form = kindUi(data.kind)?.form;
  const Form = form === 'json' ? undefined : form;
  const noFields = def && Object.keys(def.defaultConfig).length === 0;
  return (
    <VocabularyContext.Provider value={vocabulary}>
      <h2>
        <NodeIcon kind={data.kind} /> {def ? pick(def.label, locale) : data.kind}
      </h2>
      <p className="muted small">
        {t('inspector.nodeId')}: <code data-testid="inspector-node-id">{nodeId}</code>
      </p>
      {def && <p className="muted small">{pick(def.description, locale)}</p>}
      {noFields ? (
        <p className="muted small">{t('inspector.noFields')}</p>
      ) : Form ? (
        <>
          <Form key={formKey} config={data.config} onChange={onChange} issues={issues} />
          <details className="advanced" data-testid="inspector-advanced">
            <summary>{t('forms.advanced')}</summary>
            <JsonConfigForm config={data.config} onChange={onJsonChange} />
          </details>
        </>
      ) : (
        <JsonConfigForm config={data.config} onChange={onChange} />
      )}
      <button type="button" className="btn danger small" data-testid="inspector-delete" onClick={() => removeNode(nodeId)}>
        {t('inspector.delete')}
      </button>
    </VocabularyContext.Provider>
  );
}
