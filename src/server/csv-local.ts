import { DateTime } from 'luxon';
import { isValidZone } from '@/journey';

const ISO_UTC = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/**
 * A CSV as a spreadsheet opens it right: a UTF-8 byte-order mark (Excel otherwise reads Chinese names as
 * mojibake) and every UTC instant shown in the viewer's time zone with its offset ("2026-11-03 09:00:00 +08:00").
 * An unknown zone leaves the instants in UTC.
 */
export function csvForViewer(csv: string, tz: string | null): string {
  const zone = tz && isValidZone(tz) ? tz : null;
  const body = zone ? csv.replace(ISO_UTC, (iso) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss ZZ')) : csv;
  return `\uFEFF${body}`;
}
