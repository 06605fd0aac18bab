'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import '@/i18n/designer-resources';
import { currentDocument, useEditor } from '@/stores/editor';

// Short: every change is saved almost at once; the debounce only folds a drag's many moves into one save.
export const AUTOSAVE_MS = 300;
/** Browsers cap a keepalive request's body (64 KB in Chromium); larger drafts rely on the prompt instead. */
const KEEPALIVE_MAX = 60_000;

/**
 * Sends the draft with `keepalive`, which the browser completes even while the page unloads (a normal
 * fetch is cancelled). Same endpoint, same checks as the tRPC mutation. False when it is too large.
 */
function saveOnUnload(journeyId: string): boolean {
  const body = JSON.stringify({ id: journeyId, document: currentDocument() });
  if (body.length > KEEPALIVE_MAX) return false;
  void fetch('/api/trpc/journeys.saveDraft', { method: 'POST', keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body });
  return true;
}

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
  const { t } = useTranslation();
  const inFlight = useRef(0);
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
      inFlight.current++;
      try {
        await mutateAsync({ id: journeyId, document: currentDocument() });
        useEditor.getState().markSaved(saveRev);
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
        return true;
      } catch (err) {
        setSaveError(err instanceof Error ? err.message : String(err));
        return false;
      } finally {
        inFlight.current--;
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

  // Leaving the page (reload, close, link) with unsaved edits: send them in a request the unload cannot cancel.
  // Leaving inside the app (the component unmounts, the page stays) saves the ordinary way.
  useEffect(() => {
    const pending = () => useEditor.getState().dirty || inFlight.current > 0;
    const onPageHide = () => {
      if (pending()) saveOnUnload(journeyId);
    };
    // While a save is pending the browser asks first (its own wording; ours is kept for browsers that show it).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!pending()) return;
      e.preventDefault();
      e.returnValue = t('designer.leavePending');
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (useEditor.getState().dirty) void save();
    };
  }, [save, journeyId, t]);

  return { save, saving, saveError };
}
