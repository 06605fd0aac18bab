import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignmentBucket, type JourneyDocument } from '@/journey';
import { graph } from '@/test/journeys';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Runs `node bin/journey.mjs …` (through tsx, ~1 s) and parses its JSON output. */
function journeyCli(...args: string[]): { status: number | null; json: Record<string, unknown>; stderr: string } {
  const res = spawnSync(process.execPath, ['bin/journey.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, json: JSON.parse(res.stdout), stderr: res.stderr };
}

/** member_joined → gold? yes: SMS; no: A/B split. Goal: an order within a week. */
const doc: JourneyDocument = graph(
  'cli-sim',
  [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'gold', kind: 'branch.attribute', config: { condition: { attr: 'tier', op: 'eq', value: 'gold' } } },
    { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'exp', variants: [{ key: 'A', weight: 50, control: true }, { key: 'B', weight: 50 }] } },
    { id: 'end_gold', kind: 'end' },
    { id: 'end_a', kind: 'end' },
    { id: 'end_b', kind: 'end' },
  ],
  [
    ['t', 'gold'],
    ['gold', 'sms', 'yes'],
    ['sms', 'end_gold'],
    ['gold', 'ab', 'no'],
    ['ab', 'end_a', 'A'],
    ['ab', 'end_b', 'B'],
  ],
  { goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false } },
);

describe('journey CLI', () => {
  it('validate: exit 0 for a valid document, exit 1 with located errors for an invalid one', () => {
    const ok = journeyCli('validate', write('valid.json', doc));
    expect(ok.status).toBe(0);
    expect(ok.json).toMatchObject({ errors: [] });

    const broken = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'sms' ? { ...n, config: { channel: 'carrier_pigeon', template: 'Hi' } } : n)),
      edges: doc.edges.filter((e) => e.sourceHandle !== 'B'),
    };
    const bad = journeyCli('validate', write('invalid.json', broken));
    expect(bad.status).toBe(1);
    const errors = bad.json.errors as { nodeId?: string; path: string; message: string }[];
    expect(errors.map(({ nodeId, path }) => ({ nodeId, path }))).toEqual([
      { nodeId: 'sms', path: 'nodes.2.config.channel' },
      { nodeId: 'ab', path: 'nodes.3' },
      { nodeId: 'end_b', path: 'nodes.6' },
    ]);
    expect(errors[1].message).toBe('Handle "B" is not connected');
    expect(errors[2].message).toBe('This node cannot be reached from the trigger');
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
  });

  it('compile: prints the machine config with a state for every node', () => {
    const res = journeyCli('compile', write('compile.json', doc));
    expect(res.status).toBe(0);
    const states = res.json.states as Record<string, { always?: unknown; type?: string }>;
    expect(Object.keys(states).sort()).toEqual(['__exit', '__start', ...doc.nodes.map((n) => n.id)].sort());
    expect(res.json.initial).toBe('__start');
    expect(states.end_a.type).toBe('final');
    expect(Array.isArray(states.gold.always)).toBe(true);
  });

  it('simulate: node counts, goal, variants and effects match the member data', () => {
    const members = [
      { id: 'g1', tier: 'gold', name: 'Ann' },
      { id: 'g2', tier: 'gold', tz: 'America/Los_Angeles' },
      { id: 'g3', tier: 'gold', city: 'Hangzhou' },
      { id: 's1', tier: 'silver' },
      { id: 's2', tier: 'silver', tz: 'Europe/Berlin' },
      { id: 's4', tier: 'silver' },
      { id: 'b1' },
    ];
    const joinedAt = '2026-11-02T10:00:00+08:00';
    const buyers = ['g1', 's1', 's2'];
    const events = [
      ...members.map((m) => ({ memberId: m.id, type: 'member_joined', occurredAt: joinedAt })),
      ...buyers.map((memberId) => ({ memberId, type: 'order_paid', occurredAt: '2026-11-04T12:00:00+08:00', properties: { amount: 99 } })),
      // Too late for the seven-day goal.
      { memberId: 's4', type: 'order_paid', occurredAt: '2026-11-12T12:00:00+08:00' },
    ];
    const jsonl = (list: unknown[]) => list.map((x) => JSON.stringify(x)).join('\n') + '\n';
    const res = journeyCli(
      'simulate',
      write('sim.json', doc),
      '--members',
      write('members.jsonl', jsonl(members)),
      '--events',
      write('events.jsonl', jsonl(events)),
      '--until',
      '2026-12-01T00:00:00Z',
    );
    expect(res.status, res.stderr).toBe(0);
    expect(Object.keys(res.json).sort()).toEqual(['effects', 'goal', 'nodes', 'variants']);

    const gold = members.filter((m) => m.tier === 'gold').map((m) => m.id);
    const others = members.filter((m) => m.tier !== 'gold').map((m) => m.id);
    const variantOf = (id: string) => (assignmentBucket('cli-sim', 'exp', id) < 5000 ? 'A' : 'B');
    const inA = others.filter((id) => variantOf(id) === 'A');
    const inB = others.filter((id) => variantOf(id) === 'B');
    expect(inA.length * inB.length).toBeGreaterThan(0);
    const reached = (ids: string[]) => ids.filter((id) => buyers.includes(id)).length;

    const nodes = res.json.nodes as Record<string, { entered: number; exited: number; waiting: number; byHandle: Record<string, number> }>;
    expect(nodes.t).toEqual({ entered: 7, exited: 7, waiting: 0, byHandle: { out: 7 } });
    expect(nodes.gold).toEqual({ entered: 7, exited: 7, waiting: 0, byHandle: { yes: gold.length, no: others.length } });
    expect(nodes.sms).toEqual({ entered: 3, exited: 3, waiting: 0, byHandle: { out: 3 } });
    expect(nodes.ab.byHandle).toEqual({ A: inA.length, B: inB.length });
    expect([nodes.end_gold.entered, nodes.end_a.entered, nodes.end_b.entered]).toEqual([gold.length, inA.length, inB.length]);

    expect(res.json.goal).toEqual({ entered: 7, reached: 3 });
    expect(res.json.variants).toEqual({
      ab: { A: { assigned: inA.length, reached: reached(inA) }, B: { assigned: inB.length, reached: reached(inB) } },
    });
    const effects = res.json.effects as { memberId: string; nodeId: string; type: string; channel?: string; at: string }[];
    expect(effects.map((e) => e.memberId).sort()).toEqual(gold);
    for (const e of effects) expect(e).toEqual({ memberId: e.memberId, nodeId: 'sms', type: 'message', channel: 'sms', at: '2026-11-02T02:00:00.000Z' });
  });
});
