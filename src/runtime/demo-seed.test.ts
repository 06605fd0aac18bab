import { describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { count } from '@/test/fixtures';
import { DEMO_MEMBER_COUNT, ensureDemoData } from './demo-seed';

const NOW = Date.parse('2026-11-20T12:00:00+08:00');

describe('demo seed', () => {
  it('goes through the import path, and a start killed halfway finishes the seed on the next start', () => {
    const db = openDb(':memory:');
    expect(() =>
      ensureDemoData(db, NOW, (stage) => {
        if (stage === 'journeys') throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(count(db, 'select count(*) n from journeys')).toBe(6);
    expect(count(db, 'select count(*) n from events')).toBe(0);

    ensureDemoData(db, NOW);
    expect(count(db, 'select count(*) n from members')).toBe(DEMO_MEMBER_COUNT);
    expect(count(db, 'select count(*) n from journeys')).toBe(6);
    // Identities came with the import: every demo member can be found by phone.
    expect(count(db, `select count(*) n from member_identities where type = 'phone'`)).toBe(DEMO_MEMBER_COUNT);
    // Tier changes were real profile updates that emitted tier_changed and ran the care journey.
    expect(count(db, `select count(*) n from events where type = 'tier_changed'`)).toBeGreaterThan(30);
    expect(count(db, `select count(*) n from enrolments where journey_id = 'tier-upgrade'`)).toBeGreaterThan(20);
    const events = count(db, 'select count(*) n from events');
    // Seeded once: a third start changes nothing.
    ensureDemoData(db, NOW);
    expect(count(db, 'select count(*) n from events')).toBe(events);
  }, 120_000);
});
