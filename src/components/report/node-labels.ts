'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc-provider';
import { getNodeKind, pick } from '@/journey';
import { useLocale } from '@/i18n/provider';

/** The journey (name, nodes) and a node-id → label lookup in the current language. */
export function useJourneyNodes(journeyId: string) {
  const trpc = useTRPC();
  const locale = useLocale();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const nodes = useMemo(
    () =>
      (journey.data?.draft.nodes ?? []).map((n) => {
        const def = getNodeKind(n.kind);
        return { id: n.id, kind: n.kind, label: def ? pick(def.label, locale) : n.kind };
      }),
    [journey.data, locale],
  );
  const label = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n.label]));
    return (id: string) => byId.get(id) ?? id;
  }, [nodes]);
  return { journey, nodes, label };
}
