import { openDb } from '@/db/client';
const db = openDb(':memory:');
const q = (s: string) => console.log(db.$client.prepare('explain query plan ' + s).all().map((r: any) => r.detail).join(' | '));
q(`select e.id from enrolments e join journeys j on j.id = e.journey_id and j.status = 'live' where e.wake_at is not null and e.wake_at <= 5 and e.status = 'waiting' order by e.wake_at limit 10`);
