import { parseDuration, type JourneyDocument } from '@/journey';

export interface PreviousEntry {
  entryNo: number;
  status: string;
  enteredAt: number;
}

/**
 * The journey's entry rules (re-entry, minimum interval, maximum entries, window) applied to a
 * member's previous entries, newest first: the next entry number, or null when they may not enter now.
 */
export function nextEntryNumber(entry: JourneyDocument['entry'], previous: PreviousEntry[], now: number): number | null {
  const last = previous[0];
  if (entry.window?.from && now < Date.parse(entry.window.from)) return null;
  if (entry.window?.to && now > Date.parse(entry.window.to)) return null;
  if (last) {
    if (entry.reentry === 'never') return null;
    if (entry.reentry === 'after_exit' && previous.some((p) => p.status === 'active' || p.status === 'waiting')) return null;
    if (entry.maxEntries !== undefined && previous.length >= entry.maxEntries) return null;
    const gap = entry.minInterval ? (parseDuration(entry.minInterval)?.toMillis() ?? 0) : 0;
    if (now - last.enteredAt < gap) return null;
  }
  return (last?.entryNo ?? 0) + 1;
}
