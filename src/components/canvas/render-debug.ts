/**
 * Opt-in render counters for performance tests: active only on a page opened with
 * `?debugRenders=1`, where they count how often each node and edge component renders
 * (`window.__JOURNEY_DEBUG__.renders`). Everywhere else this is one property read per render.
 */
export interface JourneyDebug {
  renders: { nodes: Record<string, number>; edges: Record<string, number> };
  reset(): void;
}

declare global {
  interface Window {
    __JOURNEY_DEBUG__?: JourneyDebug;
  }
}

let checked = false;

function debugHandle(): JourneyDebug | undefined {
  if (typeof window === 'undefined') return undefined;
  if (!checked) {
    checked = true;
    if (new URLSearchParams(window.location.search).get('debugRenders') === '1') {
      const debug: JourneyDebug = {
        renders: { nodes: {}, edges: {} },
        reset() {
          debug.renders = { nodes: {}, edges: {} };
        },
      };
      window.__JOURNEY_DEBUG__ = debug;
    }
  }
  return window.__JOURNEY_DEBUG__;
}

export function countRender(what: 'nodes' | 'edges', id: string): void {
  const debug = debugHandle();
  if (debug) debug.renders[what][id] = (debug.renders[what][id] ?? 0) + 1;
}
