import { describe, expect, it } from 'vitest';
import type { Principal } from '@/auth/permissions';
import { createJourney, getJourney, saveDraft } from '@/db/journeys';
import { welcomeJourney } from '@/journey/examples';
import { appRouter } from '@/server/root';
import { addMembers, count, makeEngine } from '@/test/fixtures';

const marketer: Principal = { kind: 'user', id: 'u1', email: 'mia@brand', name: 'Mia', role: 'marketer' };
const approver: Principal = { kind: 'user', id: 'u2', email: 'al@brand', name: 'Al', role: 'approver' };
const admin: Principal = { kind: 'user', id: 'u3', email: 'root@brand', name: 'Root', role: 'admin' };

function setup() {
  const env = makeEngine();
  addMembers(env.db, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  env.runtime.ingest([{ memberId: 'a', type: 'member_joined' }, { memberId: 'b', type: 'member_joined' }]);
  const as = (principal: Principal) => appRouter.createCaller({ db: env.db, runtime: env.runtime, principal });
  const id = createJourney(env.db, { name: 'Welcome', document: { ...welcomeJourney, id: 'w' } });
  return { ...env, as, id };
}

describe('publish approval (impact review)', () => {
  it('a marketer’s publish waits; an approver who is not the author approves it and exactly that version goes live', async () => {
    const { db, as, id } = setup();
    const res = await as(marketer).journeys.publish({ id });
    expect(res).toMatchObject({ ok: true, pending: true });
    expect(getJourney(db, id)!.liveVersionId).toBeNull();
    const [request] = (await as(approver).approvals.list()).requests;
    // The review: every node added with its config, the trigger's audience over the last 7 days, channels and rewards.
    expect(request.review).toMatchObject({ audience: { basis: 'event_last_7_days', event: 'member_joined', members: 2 }, channels: ['sms'] });
    expect((request.review as { nodes: { nodeId: string; change: string }[] }).nodes).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'welcome_msg', change: 'added' })]));
    expect((request.review as { rewards: unknown[] }).rewards).toEqual([{ nodeId: 'bonus', reward: { type: 'points', amount: 100 }, budget: null }]);

    // Edits after the request do not sneak in: the reviewed document is what goes live.
    saveDraft(db, id, { ...welcomeJourney, id, name: 'Edited later' });
    await expect(as(marketer).approvals.decide({ id: request.id, approve: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const decided = await as(approver).approvals.decide({ id: request.id, approve: true, comment: 'ok for launch' });
    expect(decided.status).toBe('approved');
    const live = getJourney(db, id)!;
    expect(live.liveVersionId).not.toBeNull();
    const doc = db.$client.prepare('select document from journey_versions where id = ?').pluck().get(live.liveVersionId) as string;
    expect(JSON.parse(doc).name).toBe('Welcome');
    expect(db.$client.prepare(`select action, actor from audit_log where action like 'journey.%' order by id`).all()).toEqual([
      { action: 'journey.publish_requested', actor: 'user:mia@brand' },
      { action: 'journey.approve', actor: 'user:al@brand' },
    ]);
  });

  it('the author cannot decide their own request; a rejection keeps the journey off; changes show field by field', async () => {
    const { db, as, id } = setup();
    await as(admin).journeys.publish({ id });
    const v1 = getJourney(db, id)!.liveVersionId;
    saveDraft(db, id, { ...welcomeJourney, id, nodes: welcomeJourney.nodes.map((n) => (n.id === 'wait_order' ? { ...n, config: { event: 'order_paid', timeout: 'P5D' } } : n)) });
    const pending = await as(marketer).journeys.publish({ id });
    expect(pending).toMatchObject({ pending: true });
    const [request] = (await as(admin).approvals.list({ status: 'pending' })).requests;
    expect((request.review as { nodes: unknown[] }).nodes).toEqual([{ nodeId: 'wait_order', kind: 'wait.event', change: 'changed', fields: [{ key: 'timeout', before: 'P3D', after: 'P5D' }] }]);
    await expect(as(approver).approvals.decide({ id: 9999, approve: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await as(approver).approvals.decide({ id: request.id, approve: false, comment: 'too long' });
    expect(getJourney(db, id)!.liveVersionId).toBe(v1);
    await expect(as(approver).approvals.decide({ id: request.id, approve: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(count(db, `select count(*) n from publish_requests where status = 'rejected' and comment = 'too long'`)).toBe(1);
  });

  it('below the admin’s threshold a marketer publishes at once; a declared winner is reviewed like a publish', async () => {
    const { db, as, id } = setup();
    await as(admin).approvals.setThreshold({ minMembers: 10 });
    const res = await as(marketer).journeys.publish({ id });
    expect(res).toMatchObject({ ok: true, version: { number: 1 } });
    expect(count(db, 'select count(*) n from publish_requests')).toBe(0);
  });

  it('an author who is also an approver still needs someone else', async () => {
    const { as, id } = setup();
    const self: Principal = { kind: 'user', id: 'u4', email: 'mia@brand', name: 'Mia', role: 'approver' };
    await as(marketer).journeys.publish({ id });
    const [request] = (await as(approver).approvals.list()).requests;
    await expect(as(self).approvals.decide({ id: request.id, approve: true })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('author') });
  });
});
