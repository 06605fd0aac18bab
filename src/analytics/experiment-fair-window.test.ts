import { describe, expect, it } from 'vitest';
import { fairWindow, type MemberRow } from './experiment-data';

const row = (memberId: string, variant: string, assigned: string | null, splitAt: number): MemberRow => ({
  memberId,
  variant,
  assigned,
  splitAt,
  versionId: 1,
  firstAt: splitAt,
  entries: 1,
  switched: false,
  reached: false,
  revenue: 0,
  preRevenue: 0,
});

describe('fairWindow', () => {
  const rows = [
    row('old', 'A', null, 10), // recorded before assignments were kept: counts as taking its assigned variant
    row('a1', 'A', 'A', 20),
    row('b1', 'B', 'B', 30),
    row('moved', 'B', 'A', 40), // the first move: A’s pool ran out
    row('b2', 'B', 'B', 40), // same instant as the first move: already outside the window
    row('b3', 'B', 'B', 50),
    row('moved2', 'B', 'A', 60),
  ];

  it('without a move every row is compared and nothing is reported', () => {
    expect(fairWindow(rows, null)).toEqual({ fair: rows, overflow: null });
  });

  it('keeps members who took their assigned variant before the first move; counts the moved and the later ones', () => {
    const { fair, overflow } = fairWindow(rows, 40);
    expect(fair.map((m) => m.memberId)).toEqual(['old', 'a1', 'b1']);
    expect(overflow).toEqual({ moved: 2, later: 2, since: 40 });
  });

  it('a move outside the rows in range leaves nothing out, and says nothing', () => {
    const early = rows.slice(0, 3);
    expect(fairWindow(early, 40)).toEqual({ fair: early, overflow: null });
  });
});
