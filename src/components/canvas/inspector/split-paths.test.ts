import { describe, expect, it } from 'vitest';
import { nextPathKey, pathShares } from './split-paths';

describe('splitter paths', () => {
  it('names a new path with the first free key', () => {
    expect(nextPathKey([{ key: 'p1', weight: 1 }, { key: 'p3', weight: 1 }])).toBe('p2');
    expect(nextPathKey([])).toBe('p1');
  });

  it('shows each path’s share in percent, ignoring unusable weights', () => {
    expect(pathShares([{ key: 'a', weight: 1 }, { key: 'b', weight: 3 }])).toEqual([25, 75]);
    expect(pathShares([{ key: 'a', weight: NaN }, { key: 'b', weight: 2 }, { key: 'c', weight: -1 }])).toEqual([0, 100, 0]);
    expect(pathShares([{ key: 'a', weight: 0 }])).toEqual([0]);
  });
});
