'use client';

import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '@/stores/editor';
import { redo, undo, useCanRedo, useCanUndo } from '@/stores/editor-undo';
import { ImportExport } from './import-export';
import { layoutJourney } from './layout';
import { ShortcutsDialog, useEditorShortcuts } from './shortcuts';

export const fitViewOptions = { padding: 0.2, maxZoom: 1 };

/** Second toolbar row: history, layout, grid, import/export, shortcuts. */
export function EditTools({ onSave }: { onSave(): void }) {
  const { t } = useTranslation();
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const snap = useEditor((s) => s.snap);
  const setSnap = useEditor((s) => s.setSnap);
  const { fitView } = useReactFlow();
  const [help, setHelp] = useState(false);
  const [layingOut, setLayingOut] = useState(false);

  const autoLayout = useCallback(async () => {
    const { nodes, edges, setPositions } = useEditor.getState();
    if (nodes.length === 0) return;
    setLayingOut(true);
    try {
      setPositions(await layoutJourney(nodes, edges));
      // Let React Flow render the new positions before fitting them.
      requestAnimationFrame(() => void fitView({ ...fitViewOptions, duration: 300 }));
    } finally {
      setLayingOut(false);
    }
  }, [fitView]);

  const openHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useEditorShortcuts({ onSave, onLayout: autoLayout, onHelp: openHelp });

  return (
    <div className="edit-tools" data-testid="edit-tools">
      <button type="button" className="btn small" data-testid="undo" disabled={!canUndo} onClick={undo} title={t('tools.undoHint')}>
        ↶ {t('tools.undo')}
      </button>
      <button type="button" className="btn small" data-testid="redo" disabled={!canRedo} onClick={redo} title={t('tools.redoHint')}>
        ↷ {t('tools.redo')}
      </button>
      <span className="sep" />
      <button type="button" className="btn small" data-testid="auto-layout" disabled={layingOut} onClick={() => void autoLayout()}>
        {t('tools.autoLayout')}
      </button>
      <button type="button" className="btn small" data-testid="fit-view" onClick={() => void fitView({ ...fitViewOptions, duration: 300 })}>
        {t('tools.fitView')}
      </button>
      <button type="button" className={`btn small${snap ? ' active' : ''}`} data-testid="snap-grid" aria-pressed={snap} onClick={() => setSnap(!snap)}>
        {t('tools.snap')}
      </button>
      <span className="sep" />
      <ImportExport />
      <span className="spacer" />
      <button type="button" className="btn small ghost" data-testid="shortcuts" onClick={openHelp}>
        ⌨ {t('tools.shortcuts')}
      </button>
      {help && <ShortcutsDialog onClose={closeHelp} />}
    </div>
  );
}
