import { describe, expect, it } from 'vitest';
import { pickCappedPath, type CappedPath } from './capped-split';

const paths: CappedPath[] = [
  { key: 'gift', weight: 2, poolId: 'p' },
  { key: 'points', weight: 1 },
  { key: 'nothing', weight: 1 },
];
const members = Array.from({ length: 4000 }, (_, i) => ({ journeyId: 'j', memberId: `m${i}` }));
const tally = (stock?: (p: string) => number) => {
  const out: Record<string, string> = {};
  for (const m of members) out[m.memberId] = pickCappedPath(paths, 'exp', m, stock);
  return out;
};
const share = (picks: Record<string, string>, key: string) => Object.values(picks).filter((k) => k === key).length / members.length;

describe('pickCappedPath', () => {
  it('with stock (or without a stock fact) members take their usual weighted path', () => {
    const usual = tally();
    expect(tally(() => 5)).toEqual(usual);
    expect(share(usual, 'gift')).toBeCloseTo(0.5, 1);
  });

  it('an exhausted pool moves only the capped path\'s members, spread over the open paths by weight', () => {
    const usual = tally();
    const capped = tally(() => 0);
    for (const m of members) if (usual[m.memberId] !== 'gift') expect(capped[m.memberId]).toBe(usual[m.memberId]);
    expect(share(capped, 'gift')).toBe(0);
    expect(share(capped, 'points')).toBeCloseTo(0.5, 1);
    expect(share(capped, 'nothing')).toBeCloseTo(0.5, 1);
  });

  it('when every path is capped and out, members keep their usual path', () => {
    const all = paths.map((p) => ({ ...p, poolId: 'p' }));
    for (const m of members.slice(0, 200)) expect(pickCappedPath(all, 'exp', m, () => 0)).toBe(pickCappedPath(all, 'exp', m));
  });
});
