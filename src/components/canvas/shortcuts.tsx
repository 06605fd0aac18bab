'use client';

import { useEffect } from 'react';
import type { Edge } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { cloneFragment, useEditor, type FlowNode } from '@/stores/editor';
import { redo, undo } from '@/stores/editor-undo';

const PASTE_OFFSET = 40;
let clipboard: { nodes: FlowNode[]; edges: Edge[]; pastes: number } | null = null;

export function copySelection(): number {
  const { nodes, edges } = useEditor.getState();
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return 0;
  const ids = new Set(picked.map((n) => n.id));
  clipboard = { nodes: structuredClone(picked), edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)), pastes: 0 };
  return picked.length;
}

export function pasteClipboard(): void {
  if (!clipboard) return;
  clipboard.pastes += 1;
  const shift = PASTE_OFFSET * clipboard.pastes;
  const state = useEditor.getState();
  const fragment = cloneFragment(clipboard.nodes, clipboard.edges, state.nodes, { x: shift, y: shift });
  state.insert(fragment.nodes, fragment.edges);
}

export function duplicateSelection(): void {
  if (copySelection() > 0) pasteClipboard();
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Handlers {
  onSave(): void;
  onLayout(): void;
  onHelp(): void;
}

/** Editor keyboard shortcuts; typing in a form field keeps the field's own behaviour. */
export function useEditorShortcuts({ onSave, onLayout, onHelp }: Handlers) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isEditable(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === 'z') run(e.shiftKey ? redo : undo);
      else if (mod && key === 'y') run(redo);
      else if (mod && key === 'c') copySelection();
      else if (mod && key === 'v') run(pasteClipboard);
      else if (mod && key === 'd') run(duplicateSelection);
      else if (mod && key === 's') run(onSave);
      else if (!mod && e.shiftKey && key === 'l') run(onLayout);
      else if (!mod && e.key === '?') run(onHelp);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSave, onLayout, onHelp]);
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const mod = isMac() ? '⌘' : 'Ctrl';
  const rows: [string, string][] = [
    [`${mod}+Z`, t('shortcuts.undo')],
    [`${mod}+Shift+Z / Ctrl+Y`, t('shortcuts.redo')],
    [`${mod}+C`, t('shortcuts.copy')],
    [`${mod}+V`, t('shortcuts.paste')],
    [`${mod}+D`, t('shortcuts.duplicate')],
    ['Delete / Backspace', t('shortcuts.delete')],
    [`${mod}+S`, t('shortcuts.save')],
    ['Shift+L', t('shortcuts.layout')],
    ['Shift+click / Shift+drag', t('shortcuts.multiSelect')],
    ['?', t('shortcuts.help')],
  ];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" data-testid="shortcuts-dialog" onClick={(e) => e.stopPropagation()}>
        <h2>{t('shortcuts.title')}</h2>
        <table className="table small">
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="shortcuts-close" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
