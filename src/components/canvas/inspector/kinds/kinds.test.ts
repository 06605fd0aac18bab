import { describe, expect, it } from 'vitest';
import { nodeKinds } from '@/journey';
import { renderKindForm } from '@/test/render-kind-form';
import { kindUi, kindUis } from '.';

describe('inspector forms by kind', () => {
  it('gives every node kind a form or declares it JSON-only, and has no form for a kind that does not exist', () => {
    const missing = nodeKinds.filter((k) => !kindUi(k.kind)).map((k) => k.kind);
    expect(missing).toEqual([]);
    const known = new Set(nodeKinds.map((k) => k.kind));
    expect(kindUis().filter((ui) => !known.has(ui.kind)).map((ui) => ui.kind)).toEqual([]);
    // Only the end node, which has no settings, is edited without a form.
    expect(kindUis().filter((ui) => ui.form === 'json').map((ui) => ui.kind)).toEqual(['end']);
  });

  it('shows the schema’s own messages on the tag form: a bad tag by name, and "at least one tag"', () => {
    const bad = renderKindForm('action.tag', { add: ['ok', 'two words'] }, 'en')!;
    expect(bad).toContain('“two words” is not a valid tag');
    expect(bad).not.toContain('Add or remove at least one tag');
    const empty = renderKindForm('action.tag', {}, 'zh-CN')!;
    expect(empty).toContain('至少添加或移除一个标签');
    expect(renderKindForm('action.tag', { add: ['vip'] }, 'en')).not.toContain('field-error');
  });

  it('flags a wait-until time and a time-check window from the schema, in the form’s words', () => {
    expect(renderKindForm('wait.until', { time: '25:00' }, 'en')).toContain('Use a time like 09:30');
    expect(renderKindForm('wait.until', { time: '10:00' }, 'en')).not.toContain('field-error');
    const window = renderKindForm('branch.time', { between: ['09:00', '9pm'] }, 'zh-CN')!;
    expect(window.match(/data-testid="field-error"/g)).toHaveLength(1);
    expect(window).toContain('请输入 09:30 这样的时间');
  });
});
