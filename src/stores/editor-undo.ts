import { useStore } from 'zustand';
import { useEditor } from './editor';
import { breakCoalescing } from './editor-history';

export function undo(): void {
  breakCoalescing();
  if (useEditor.temporal.getState().pastStates.length === 0) return;
  useEditor.temporal.getState().undo();
  useEditor.getState().restore();
}

export function redo(): void {
  breakCoalescing();
  if (useEditor.temporal.getState().futureStates.length === 0) return;
  useEditor.temporal.getState().redo();
  useEditor.getState().restore();
}

export const useCanUndo = () => useStore(useEditor.temporal, (s) => s.pastStates.length > 0);
export const useCanRedo = () => useStore(useEditor.temporal, (s) => s.futureStates.length > 0);
