import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '@/journey';
import { tierUpgradeJourney, welcomeJourney } from '@/journey/examples';
import { parseProfiles } from '@/members/profile-schema';
import { profileView } from '@/members/profile-view';
import { count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { eraseMember, exportMember, upsertMembers } from './members';

const profiles = (body: unknown) => {
  const r = parseProfiles(body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profiles;
};

describe('events name members by id or identity, and may carry a profile', () => {
  it('resolves phone, email and WeChat identities to the member (OneID)', () => {
    const { db, runtime } = makeEngine();
    upsertMembers(runtime, profiles({ id: 'crm-7', phone: '13800138000', email: 'li@example.com', identities: { wechatOpenId: 'oX1' } }), { mode: 'all-or-nothing' });
    runtime.ingest([
      { identity: { type: 'phone', value: '+86 138 0013 8000'.replace('+86 ', '') }, type: 'page_view' },
      { identity: { type: 'email', value: 'LI@example.com' }, type: 'page_view' },
      { identity: { type: 'wechatOpenId', value: 'oX1' }, type: 'page_view' },
    ]);
    expect(count(db, `select count(*) n from events where member_id = 'crm-7'`)).toBe(3);
  });

  it('refuses an unknown member or identity without a profile, naming the field, and stores nothing', () => {
    const { db, runtime } = makeEngine();
    upsertMembers(runtime, profiles({ id: 'a' }), { mode: 'all-or-nothing' });
    expect(() => runtime.ingest([{ memberId: 'a', type: 'page_view' }, { memberId: 'ghost', type: 'page_view' }, { identity: { type: 'deviceId', value: 'd-9' }, type: 'page_view' }])).toThrow(
      '[1].memberId: Unknown member "ghost"; [2].identity: No member has deviceId "d-9"',
    );
    expect(count(db, 'select count(*) n from events')).toBe(0);
  });

  it('creates the member from the profile in the same transaction and enrols them', () => {
    const { db, runtime } = makeEngine();
    const { journeyId } = publish(db, welcomeJourney);
    const r = runtime.ingest([
      { memberId: 'new-1', type: 'member_joined', profile: { name: 'Zhang', tier: 'silver', consent: { sms: true } } },
      { identity: { type: 'wechatOpenId', value: 'o-new' }, type: 'member_joined', profile: { name: 'Wang' } },
      { identity: { type: 'wechatOpenId', value: 'o-new' }, type: 'page_view' },
    ]);
    expect(r).toMatchObject({ accepted: 3, enrolled: 2 });
    expect(profileView(db, 'new-1')).toMatchObject({ name: 'Zhang', tier: 'silver', consent: { sms: true } });
    const wangId = db.$client.prepare(`select member_id from member_identities where type = 'wechatOpenId' and value = 'o-new'`).pluck().get() as string;
    expect(profileView(db, wangId)).toMatchObject({ name: 'Wang', identities: { wechatOpenId: 'o-new' } });
    expect(count(db, 'select count(*) n from enrolments where journey_id = ?', journeyId)).toBe(2);
    expect(count(db, `select count(*) n from events where member_id = ?`, wangId)).toBe(2);
  });

  it('a profile with a bad field rejects the whole batch, naming it', () => {
    const { db, runtime } = makeEngine();
    expect(() => runtime.ingest([{ memberId: 'n1', type: 'member_joined', profile: { birthday: '2020-02-31' } }])).toThrow('profile.birthday');
    expect(count(db, 'select count(*) n from members')).toBe(0);
  });
});

describe('profile changes drive journeys', () => {
  it('a tier upgrade by API runs the tier-upgrade care journey; a downgrade does not', () => {
    const { db, runtime } = makeEngine();
    const { journeyId } = publish(db, tierUpgradeJourney);
    upsertMembers(runtime, profiles([{ id: 'up', tier: 'silver', name: 'Up', associate: 'A1' }, { id: 'down', tier: 'gold' }]), { mode: 'all-or-nothing' });
    upsertMembers(runtime, profiles([{ id: 'up', tier: 'gold' }, { id: 'down', tier: 'silver' }]), { mode: 'all-or-nothing' });
    runtime.deliverOutbox();
    expect(pathOf(db, 'up', journeyId)).toContain('exit:gold_plus:yes');
    expect(pathOf(db, 'down', journeyId)).toEqual([]);
    expect(db.$client.prepare(`select text from tasks where member_id = 'up'`).pluck().get()).toBe('Call Up to welcome them to gold');
  });

  it('a tier set by an action.asset node emits tier_changed too', () => {
    const { db, runtime } = makeEngine();
    const promote: JourneyDocument = {
      format: 'journey/v1', id: 'promote', name: 'Promote on big order', entry: { reentry: 'never' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'order_paid' } },
        { id: 'a', kind: 'action.asset', config: { tier: 'platinum' } },
        { id: 'x', kind: 'end' },
      ],
      edges: [{ source: 't', target: 'a' }, { source: 'a', target: 'x' }],
    };
    publish(db, promote);
    const care = publish(db, tierUpgradeJourney);
    upsertMembers(runtime, profiles({ id: 'm', tier: 'gold' }), { mode: 'all-or-nothing' });
    runtime.ingest([{ memberId: 'm', type: 'order_paid' }]);
    runtime.deliverOutbox();
    runtime.deliverOutbox();
    const tierEvent = db.$client.prepare(`select properties from events where member_id = 'm' and type = 'tier_changed'`).pluck().get() as string;
    expect(JSON.parse(tierEvent)).toEqual({ from: 'gold', to: 'platinum', direction: 'up' });
    expect(pathOf(db, 'm', care.journeyId)[0]).toBe('enter:trigger');
  });

  it('a consent change applies to the sending gateway at once', () => {
    const { db, runtime } = makeEngine();
    publish(db, welcomeJourney);
    upsertMembers(runtime, profiles({ id: 'c', consent: { sms: true } }), { mode: 'all-or-nothing' });
    upsertMembers(runtime, profiles({ id: 'c', consent: { sms: false } }), { mode: 'all-or-nothing' });
    runtime.ingest([{ memberId: 'c', type: 'member_joined', occurredAt: new Date(T0 + 2 * HOUR).toISOString() }]);
    runtime.deliverOutbox();
    expect(db.$client.prepare(`select reason from delivery_log where member_id = 'c'`).pluck().all()).toContain('no_consent');
  });
});

describe('erasure and export (PIPL)', () => {
  function scenario() {
    const engine = makeEngine();
    const { db, runtime, advanceTo } = engine;
    const { journeyId } = publish(db, welcomeJourney);
    upsertMembers(runtime, profiles([
      { id: 'gone', name: '李雷', phone: '13800138000', email: 'lilei@example.com', birthday: '1990-05-01', attributes: { rfm: 'loyal' }, identities: { wechatOpenId: 'o-gone' }, consent: { sms: true }, tags: ['vip'] },
      { id: 'stays', name: '韩梅梅', phone: '13900139000', consent: { sms: true } },
    ]), { mode: 'all-or-nothing' });
    runtime.ingest([
      { memberId: 'gone', type: 'member_joined', properties: { channel: 'store', note: 'met at counter' } },
      { memberId: 'stays', type: 'member_joined' },
    ]);
    advanceTo(T0 + HOUR);
    return { ...engine, journeyId };
  }

  it('exports everything stored about the member', () => {
    const { runtime } = scenario();
    const doc = exportMember(runtime, 'gone')!;
    expect(doc.profile).toMatchObject({ id: 'gone', name: '李雷', phone: '13800138000' });
    expect(doc.identities.map((i) => i.type).sort()).toEqual(['email', 'phone', 'wechatOpenId']);
    expect(doc.tags).toEqual(['vip']);
    expect(doc.events[0]).toMatchObject({ type: 'member_joined', properties: { note: 'met at counter' } });
    expect(doc.enrolments[0].path.map((s) => s.kind)).toContain('enter');
    const sms = doc.messages.find((m) => m.type === 'message')!;
    expect(sms).toMatchObject({ type: 'message', channel: 'sms' });
    expect(sms.decisions.length).toBeGreaterThan(0);
    expect(exportMember(runtime, 'nobody')).toBeNull();
  });

  it('removes personal data, takes the member out of journeys, cancels pending effects and keeps counts', () => {
    const { db, runtime, advanceTo, journeyId } = scenario();
    // The compact log closes the node the member was at (a pass with no handle) besides logging the exit: count the exit rows.
    const stepsBefore = count(db, `select count(*) n from step_log where member_id = 'gone' and kind != 'pass'`);
    const summary = eraseMember(runtime, 'gone', 'test')!;
    expect(summary).toMatchObject({ exitedJourneys: 1 });
    const row = db.$client.prepare(`select * from members where id = 'gone'`).get() as Record<string, unknown>;
    expect(row).toMatchObject({ name: '', phone: null, email: null, birthday: null, attributes: '{}' });
    expect(row.erased_at).not.toBeNull();
    expect(count(db, `select count(*) n from member_identities where member_id = 'gone'`)).toBe(0);
    expect(count(db, `select count(*) n from events where member_id = 'gone' and properties != '{}'`)).toBe(0);
    expect(count(db, `select count(*) n from outbox where member_id = 'gone' and payload like '%李雷%'`)).toBe(0);
    expect(db.$client.prepare(`select status, exit_reason from enrolments where member_id = 'gone'`).get()).toEqual({ status: 'exited', exit_reason: 'erased' });
    expect(count(db, `select count(*) n from step_log where member_id = 'gone' and kind != 'pass'`)).toBe(stepsBefore + 1);
    expect(count(db, `select count(*) n from step_log where member_id = 'gone' and kind = 'pass' and handle is null`)).toBe(1);
    expect(count(db, `select count(*) n from audit_log where action = 'member.erase' and target = 'member:gone'`)).toBe(1);
    // Afterwards the member is unknown: no profile, no export, events refused, the timer never fires for them.
    expect(profileView(db, 'gone')).toBeNull();
    expect(exportMember(runtime, 'gone')).toBeNull();
    expect(() => runtime.ingest([{ memberId: 'gone', type: 'order_paid' }])).toThrow('Unknown member "gone"');
    expect(() => runtime.ingest([{ identity: { type: 'phone', value: '13800138000' }, type: 'order_paid' }])).toThrow('No member has phone');
    expect(() => upsertMembers(runtime, profiles({ id: 'gone', name: 'again' }), { mode: 'all-or-nothing' })).toThrow('was erased');
    advanceTo(T0 + 4 * DAY);
    expect(count(db, `select count(*) n from outbox where member_id = 'gone' and type = 'message' and status = 'sent'`)).toBe(1);
    // Nothing else is touched: the other member goes on, the journey's counts keep the erased member's entry.
    expect(profileView(db, 'stays')).toMatchObject({ name: '韩梅梅', phone: '13900139000' });
    expect(count(db, `select count(*) n from enrolments where journey_id = ?`, journeyId)).toBe(2);
    expect(count(db, `select coalesce(sum(n), 0) n from node_counts where journey_id = ? and node_id = 'trigger' and kind = 'enter'`, journeyId)).toBe(2);
    expect(eraseMember(runtime, 'gone', 'test')).toBeNull();
  });
});
