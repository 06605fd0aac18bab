import { describe, expect, it } from 'vitest';
import { memberProfileSchema } from '@/members/profile-schema';
import { recordToProfile } from '@/members/record';
import { attributeTarget, chunkRows, defaultTarget, mapRow, mappingProblems, parseMemberFile, targetsFor } from './import-file';

describe('the import page reads files in the browser', () => {
  it('reads a CSV with its file lines, a quoted multi-line cell included', () => {
    const file = parseMemberFile('m.csv', '\uFEFFid,name,Note\na1,Ann,"two\nlines"\n\na2,Bob,x\n');
    expect(file.columns).toEqual(['id', 'name', 'Note']);
    expect(file.rows).toEqual([
      { line: 3, cells: ['a1', 'Ann', 'two\nlines'] },
      { line: 5, cells: ['a2', 'Bob', 'x'] },
    ]);
  });

  it('flattens JSONL profiles into the CSV columns, so the server validates them the same way', () => {
    const text = '{"id":"j1","tags":["vip","new"],"consent":{"sms":true},"attributes":{"rfm":311},"points":5}\n\nnot json\n{"id":"j2","name":"Li"}\n';
    const file = parseMemberFile('m.jsonl', text);
    expect(file.columns).toEqual(['id', 'tags', 'consent.sms', 'attributes.rfm', 'points', 'name']);
    expect(file.badLines).toEqual([3]);
    expect(file.rows.map((r) => r.line)).toEqual([1, 4]);
    const mapping = file.columns.map(defaultTarget);
    const profile = memberProfileSchema.parse(recordToProfile(mapRow(file.rows[0].cells, mapping)));
    expect(profile).toEqual({ id: 'j1', tags: ['vip', 'new'], consent: { sms: true }, attributes: { rfm: 311 }, points: 5 });
  });

  it('maps known columns to themselves, offers attributes for the others, and names mapping problems', () => {
    expect(['id', 'Phone', 'consent.sms', 'Favourite colour', '会员等级'].map(defaultTarget)).toEqual(['id', 'phone', 'consent.sms', '', '']);
    expect(attributeTarget('Favourite colour')).toBe('attributes.Favourite_colour');
    expect(attributeTarget('2nd store')).toBe('attributes._2nd_store');
    expect(attributeTarget('会员等级')).toBeNull();
    expect(targetsFor('x')).toContain('consent.sms');
    expect(targetsFor('x').at(-1)).toBe('attributes.x');
    expect(mappingProblems(['name', '', 'name'])).toEqual({ needId: true, duplicates: ['name'] });
    expect(mapRow(['a1', '  ', 'Ann'], ['id', 'city', ''])).toEqual({ id: 'a1' });
  });

  it('chunks rows by size and where lines jump, so firstLine + index names the right line', () => {
    const rows = [1, 2, 3, 4, 6, 7].map((line) => ({ line }));
    expect(chunkRows(rows, 3).map((c) => c.map((r) => r.line))).toEqual([[1, 2, 3], [4], [6, 7]]);
  });
});
