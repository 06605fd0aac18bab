import { create } from 'zustand';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type MessageCounts = Outputs['analytics']['messageStats']['nodes'][string];
export type ChannelMode = Outputs['channels']['modes'][string];

/**
 * What the canvas knows about messages: which channels really send (always
 * loaded, so a record-only node says so) and, with analytics on, each message
 * node's counts. Kept apart from the editor store so a poll re-renders only
 * the message nodes.
 */
interface MessageStatsState {
  modes: Record<string, ChannelMode>;
  counts: Record<string, MessageCounts> | null;
  setModes(modes: Record<string, ChannelMode>): void;
  setCounts(counts: Record<string, MessageCounts> | null): void;
}

export const useMessageStats = create<MessageStatsState>((set) => ({
  modes: {},
  counts: null,
  setModes: (modes) => set({ modes }),
  setCounts: (counts) => set({ counts }),
}));
