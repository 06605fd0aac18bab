'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { journeyDocumentSchema, type JourneyDocument } from '@/journey';
import { currentDocument, useEditor } from '@/stores/editor';

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

export function ImportExport() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

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
    useEditor.getState().replaceDocument(res.doc);
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
      {error && (
        <span className="publish-status bad" data-testid="import-error" title={error}>
          {t('tools.importFailed', { message: error })}
        </span>
      )}
    </>
  );
}
