'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { journeyDocumentSchema, type JourneyDocument } from '@/journey';
import { cloneFragment, currentDocument, useEditor } from '@/stores/editor';
import { toFlow } from '@/stores/editor-doc';
import '@/i18n/designer-resources';

export function exportJson(): string {
  return `${JSON.stringify(currentDocument(), null, 2)}\n`;
}

/** Parses and checks an imported file; the document's shape must hold, its problems show as usual. */
export function parseImport(text: string): { ok: true; doc: JourneyDocument } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const parsed = journeyDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue.path.join('.') || '(document)'}: ${issue.message}` };
  }
  return { ok: true, doc: parsed.data as JourneyDocument };
}

/** Adds an imported document's nodes and edges beside the draft's, renaming ids that are taken; name and settings stay. */
export function mergeImported(doc: JourneyDocument): void {
  const state = useEditor.getState();
  const incoming = toFlow(doc);
  if (incoming.nodes.length === 0) return;
  const right = state.nodes.length ? Math.max(...state.nodes.map((n) => n.position.x + (n.measured?.width ?? 240))) + 80 : 0;
  const left = Math.min(...incoming.nodes.map((n) => n.position.x));
  const top = state.nodes.length ? Math.min(...state.nodes.map((n) => n.position.y)) - Math.min(...incoming.nodes.map((n) => n.position.y)) : 0;
  const fragment = cloneFragment(incoming.nodes, incoming.edges, state.nodes, { x: right - left, y: top });
  state.insert(fragment.nodes, fragment.edges);
}

export function ImportExport() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  // An imported file never silently replaces work: with nodes on the canvas, ask "replace or merge".
  const [asking, setAsking] = useState<JourneyDocument | null>(null);

  const onExport = () => {
    const blob = new Blob([exportJson()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${useEditor.getState().meta.id || 'journey'}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const res = parseImport(await file.text());
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setError(null);
    if (useEditor.getState().nodes.length === 0) useEditor.getState().replaceDocument(res.doc);
    else setAsking(res.doc);
  };

  return (
    <>
      <button type="button" className="btn small" data-testid="export" title={t('tools.exportHint')} onClick={onExport}>
        {t('tools.export')}
      </button>
      <button type="button" className="btn small" title={t('tools.importHint')} onClick={() => input.current?.click()}>
        {t('tools.import')}
      </button>
      <input ref={input} type="file" accept="application/json,.json" hidden data-testid="import" onChange={(e) => void onImport(e)} />
      {asking && (
        <div className="dialog-backdrop" onClick={() => setAsking(null)}>
          <div className="dialog" role="dialog" aria-modal="true" data-testid="import-dialog" onClick={(e) => e.stopPropagation()}>
            <h2>{t('designer.importTitle')}</h2>
            <p>{t('designer.importAsk', { name: asking.name, nodes: asking.nodes.length })}</p>
            <div className="dialog-actions">
              <button type="button" className="btn" data-testid="import-cancel" onClick={() => setAsking(null)}>
                {t('designer.cancel')}
              </button>
              <button
                type="button"
                className="btn"
                data-testid="import-merge"
                onClick={() => {
                  mergeImported(asking);
                  setAsking(null);
                }}
              >
                {t('designer.importMerge')}
              </button>
              <button
                type="button"
                className="btn primary"
                data-testid="import-replace"
                onClick={() => {
                  useEditor.getState().replaceDocument(asking);
                  setAsking(null);
                }}
              >
                {t('designer.importReplace')}
              </button>
            </div>
          </div>
        </div>
      )}
      {error && (
        <span className="publish-status bad" data-testid="import-error" title={error}>
          {t('tools.importFailed', { message: error })}
        </span>
      )}
    </>
  );
}
