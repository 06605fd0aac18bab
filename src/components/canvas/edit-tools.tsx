'use client';

import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { Keyboard, LayoutGrid, Maximize, Redo2, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '@/stores/editor';
import { redo, undo, useCanRedo, useCanUndo } from '@/stores/editor-undo';
import { ImportExport } from './import-export';
import { ANALYTICS_RESERVE, layoutJourney } from './layout';
import { ShortcutsDialog, useEditorShortcuts } from './shortcuts';

// minZoom low enough that Fit view fits a 150-node chain (about 30,000 px tall) in one screen.
export const MIN_ZOOM = 0.02;
export const fitViewOptions = { padding: 0.2, maxZoom: 1, minZoom: MIN_ZOOM };

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
    const { nodes, edges, setPositions, stats } = useEditor.getState();
    if (nodes.length === 0) return;
    setLayingOut(true);
    try {
      // Laid out with the overlay off, nodes keep room for the rows the overlay adds, so turning it on overlaps nothing.
      setPositions(await layoutJourney(nodes, edges, stats ? 0 : ANALYTICS_RESERVE));
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
        <Undo2 size={14} aria-hidden /> {t('tools.undo')}
      </button>
      <button type="button" className="btn small" data-testid="redo" disabled={!canRedo} onClick={redo} title={t('tools.redoHint')}>
        <Redo2 size={14} aria-hidden /> {t('tools.redo')}
      </button>
      <span className="sep" />
      <button type="button" className="btn small" data-testid="auto-layout" disabled={layingOut} onClick={() => void autoLayout()}>
        <LayoutGrid size={14} aria-hidden /> {t('tools.autoLayout')}
      </button>
      <button type="button" className="btn small" data-testid="fit-view" onClick={() => void fitView({ ...fitViewOptions, duration: 300 })}>
        <Maximize size={14} aria-hidden /> {t('tools.fitView')}
      </button>
      <button type="button" className={`btn small${snap ? ' active' : ''}`} data-testid="snap-grid" aria-pressed={snap} onClick={() => setSnap(!snap)}>
        {t('tools.snap')}
      </button>
      <span className="sep" />
      <ImportExport />
      <span className="spacer" />
      <button type="button" className="btn small ghost" data-testid="shortcuts" onClick={openHelp}>
        <Keyboard size={14} aria-hidden /> {t('tools.shortcuts')}
      </button>
      {help && <ShortcutsDialog onClose={closeHelp} />}
    </div>
  );
}
