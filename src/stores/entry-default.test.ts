import { describe, expect, it } from 'vitest';
import { defaultEntryFor } from './editor';

describe('re-entry default for recurring triggers', () => {
  it('an anniversary on an untouched journey enters every year, at most once in 300 days', () => {
    expect(defaultEntryFor('trigger.date', { reentry: 'never' })).toEqual({ reentry: 'always', minInterval: 'P300D' });
    expect(defaultEntryFor('trigger.schedule', undefined)).toEqual({ reentry: 'always', minInterval: 'P1D' });
  });
  it('leaves a chosen re-entry and other triggers alone', () => {
    expect(defaultEntryFor('trigger.date', { reentry: 'after_exit' })).toBeNull();
    expect(defaultEntryFor('trigger.date', { reentry: 'never', maxEntries: 1 })).toBeNull();
    expect(defaultEntryFor('trigger.event', { reentry: 'never' })).toBeNull();
  });
});
