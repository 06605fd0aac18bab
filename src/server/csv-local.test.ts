import { describe, expect, it } from 'vitest';
import { csvForViewer } from './csv-local';

describe('CSV for the viewer', () => {
  const csv = 'member_id,name,entered_at,goal_at\nm1,王芳,2026-11-03T01:00:00.000Z,\n';
  it('starts with a UTF-8 BOM and shows times in the viewer\'s zone with the offset', () => {
    const out = csvForViewer(csv, 'Asia/Shanghai');
    expect(out.charCodeAt(0)).toBe(0xfeff);
    expect(out.slice(1)).toBe('member_id,name,entered_at,goal_at\nm1,王芳,2026-11-03 09:00:00 +08:00,\n');
    expect(Buffer.from(out, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it('follows daylight saving (New York in November is -05:00) and leaves UTC for an unknown zone', () => {
    expect(csvForViewer(csv, 'America/New_York')).toContain('2026-11-02 20:00:00 -05:00');
    expect(csvForViewer(csv, 'Mars/Base')).toContain('2026-11-03T01:00:00.000Z');
  });
});
