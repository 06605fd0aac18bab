import { describe, expect, it } from 'vitest';
import { configIssues, issueLookup } from './config-issues';

describe('config issues by field', () => {
  it('reports schema problems at the field they concern', () => {
    const issues = configIssues('action.group', { group: 'has space', op: 'add' }, 'en');
    expect(issues).toEqual([{ path: 'group', message: 'Group ids use letters, digits, "_" and "-"' }]);
    expect(issueLookup(issues).at('group')).toMatch(/Group ids/);
    expect(issueLookup(issues).at('op')).toBeNull();
    // In Chinese, the same sentence the node and the problems panel show.
    expect(configIssues('action.group', { group: 'has space', op: 'add' }, 'zh-CN')[0].message).toBe('客群 ID 只能包含字母、数字、"_" 和 "-"');
  });

  it('reports the closest option of a union, not "invalid input"', () => {
    expect(configIssues('action.asset', { asset: 'points', delta: 0 }, 'en')).toEqual([{ path: 'delta', message: 'The change must not be zero' }]);
    const onceBad = configIssues('trigger.segment', { segment: 's', schedule: { once: '' } }, 'en');
    expect(onceBad.map((i) => i.path)).toEqual(['schedule.once']);
  });

  it('adds the kind’s own checks in the chosen language once the schema passes', () => {
    const dup = { paths: [{ key: 'p1', weight: 1 }, { key: 'p1', weight: 1 }] };
    expect(configIssues('split.random', dup, 'zh-CN')).toEqual([{ path: 'paths.1.key', message: '路径键重复:"p1"' }]);
    expect(configIssues('split.random', dup, 'en')[0].message).toBe('Duplicate path key "p1"');
  });

  it('tells a field apart from its parent and its siblings', () => {
    const look = issueLookup([{ path: '', message: 'root' }, { path: 'paths.10.key', message: 'ten' }]);
    expect(look.exactly('')).toBe('root');
    expect(look.at('paths.1')).toBeNull();
    expect(look.at('paths.10', 'translated')).toBe('translated');
  });
});
