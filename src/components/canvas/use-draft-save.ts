'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc-provider';
import { currentDocument, useEditor } from '@/stores/editor';

export const AUTOSAVE_MS = 800;

/**
 * Saving the draft: explicitly (Save, before Publish) and automatically a
 * moment after the last edit. Saves run one after another so a slow save can
 * never overwrite a newer one.
 */
export function useDraftSave(journeyId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveMutation = useMutation(trpc.journeys.saveDraft.mutationOptions());
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const dirty = useEditor((s) => s.dirty);
  const rev = useEditor((s) => s.rev);
  const { mutateAsync } = saveMutation;

  const save = useCallback((): Promise<boolean> => {
    const run = async () => {
      const state = useEditor.getState();
      if (!state.dirty) return true;
      const saveRev = state.rev;
      setSaving(true);
      setSaveError(null);
      try {
        await mutateAsync({ id: journeyId, document: currentDocument() });
        useEditor.getState().markSaved(saveRev);
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
        return true;
      } catch (err) {
        setSaveError(err instanceof Error ? err.message : String(err));
        return false;
      } finally {
        setSaving(false);
      }
    };
    chain.current = chain.current.then(run, run);
    return chain.current;
  }, [journeyId, mutateAsync, queryClient, trpc]);

  // Autosave: a moment after the last edit.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, rev, save]);

  // Leaving the page with unsaved edits: save now rather than lose them.
  useEffect(() => {
    const flush = () => {
      if (useEditor.getState().dirty) void save();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [save]);

  return { save, saving, saveError };
}
