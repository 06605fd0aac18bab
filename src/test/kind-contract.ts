import { describe, expect, it } from 'vitest';
import { compileJourney, nodeKinds, validateJourney, type JourneyDocument, type NodeKindDef } from '@/journey';
import { fixedMessageZh } from '@/journey/messages-zh';
import type { TransitionJson } from '@/journey/nodes/types';
import { kindUi } from '@/components/canvas/inspector/kinds';
import { renderKindForm } from './render-kind-form';

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

/** A journey around one node: an event trigger before it (unless it is the trigger), each of its handles into an end. */
export function journeyAround(def: NodeKindDef, config: Record<string, unknown>): JourneyDocument {
  const handles = def.handles(config).map((h) => h.id);
  const trigger = nodeKinds.find((k) => k.category === 'trigger' && k.listensTo)!;
  const isTrigger = def.category === 'trigger';
  return {
    format: 'journey/v1',
    id: 'contract',
    name: `Contract: ${def.kind}`,
    entry: { reentry: 'never' },
    nodes: [
      ...(isTrigger ? [] : [{ id: 't', kind: trigger.kind, config: trigger.examples[0] }]),
      { id: 'n', kind: def.kind, config },
      ...handles.map((h) => ({ id: `end_${h}`, kind: 'end' })),
    ],
    edges: [...(isTrigger ? [] : [{ source: 't', target: 'n' }]), ...handles.map((h) => ({ source: 'n', sourceHandle: h, target: `end_${h}` }))],
  };
}

/** The handles a compiled state leaves by (its `leave` actions), on `always` and on every event. */
function handlesLeft(state: { always?: TransitionJson | TransitionJson[]; on?: Record<string, TransitionJson | TransitionJson[]> }): string[] {
  const all = [state.always ?? [], ...Object.values(state.on ?? {})].flat();
  return all.flatMap((t) => (t.actions ?? []).filter((a) => a.type === 'leave').map((a) => String((a.params as { handle: string }).handle)));
}

/**
 * What every node kind promises, checked from its definition alone: a kind registered in a test fixture
 * gets the same suite as a built-in one (new-kind.test.ts), and a new module here is covered by itself.
 */
export function describeKindContract(kind: string): void {
  const def = () => nodeKinds.find((k) => k.kind === kind)!;
  describe(`node kind ${kind}`, () => {
    it('is labelled and described in English and Chinese, its fixed messages too', () => {
      const d = def();
      for (const text of [d.label, d.description, ...(d.messages ?? [])]) {
        expect(text.en.trim()).not.toBe('');
        expect(hasChinese(text.zh), text.zh).toBe(true);
      }
      // A schema's fixed message reaches the problems panel in Chinese through the registry.
      for (const m of d.messages ?? []) expect(fixedMessageZh(m.en)).toBe(m.zh);
    });

    it('has example configs and a default that its schema and checks accept', () => {
      const d = def();
      expect(d.examples.length).toBeGreaterThan(0);
      for (const config of [d.defaultConfig, ...d.examples]) {
        const parsed = d.configSchema.safeParse(config);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(d.check?.(parsed.data!) ?? []).toEqual([]);
      }
    });

    it('validates and compiles each example inside a journey, leaving only by handles it declares', () => {
      const d = def();
      for (const config of d.examples) {
        const doc = journeyAround(d, config);
        expect(validateJourney(doc)).toEqual([]);
        const state = compileJourney(doc).states.n;
        expect(state).toBeDefined();
        const handles = d.handles(config).map((h) => h.id);
        expect(new Set(handles).size).toBe(handles.length);
        // Every way out is a declared handle (a decided A/B test, say, leaves by its winner alone); only the end has none.
        const left = handlesLeft(state);
        expect(left.filter((h) => !handles.includes(h))).toEqual([]);
        if (handles.length === 0) expect(state.type).toBe('final');
        else expect(left.length).toBeGreaterThan(0);
        for (const h of d.handles(config)) expect(h.label.en && h.label.zh, h.id).toBeTruthy();
      }
    });

    it('sums each example up in one line in both languages', () => {
      const d = def();
      for (const config of d.examples) {
        for (const locale of ['en', 'zh-CN'] as const) {
          const line = d.summary(d.configSchema.parse(config), locale);
          expect(line.trim(), `${locale}: ${JSON.stringify(config)}`).not.toBe('');
          expect(line).not.toMatch(/undefined|\[object|NaN/);
        }
      }
    });

    it('has an inspector form that renders each example in both languages without a complaint, or is declared JSON-only', () => {
      const d = def();
      const ui = kindUi(kind);
      expect(ui, `${kind} has no module in inspector/kinds`).toBeDefined();
      if (ui!.form === 'json') return;
      for (const config of d.examples) {
        for (const locale of ['en', 'zh-CN'] as const) {
          const html = renderKindForm(kind, config, locale)!;
          expect(html.length).toBeGreaterThan(50);
          expect(html, `${locale}: ${JSON.stringify(config)}`).not.toContain('data-testid="field-error"');
        }
      }
    });
  });
}
