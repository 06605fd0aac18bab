import type { Db } from './client';
import { bySqlDialect } from './dialect';
import { prepared } from './prepared';
import type { deliveryLog, enrolments, journeys, journeyVersions, outbox } from './schema';

// The rows behind a member's path through every journey (analytics/member-path.ts assembles them).

type Enrolment = typeof enrolments.$inferSelect;
type Effect = typeof outbox.$inferSelect;
type Decision = typeof deliveryLog.$inferSelect;

export type MemberEnrolmentRow = Pick<Enrolment, 'journeyId' | 'entryNo' | 'status' | 'variant' | 'enteredAt' | 'goalAt' | 'exitReason' | 'nodeId' | 'nodeEnteredAt' | 'updatedAt'> & {
  enrolmentId: Enrolment['id'];
  journeyName: (typeof journeys.$inferSelect)['name'];
  version: (typeof journeyVersions.$inferSelect)['number'];
};

/** Every enrolment of the member, newest first, with its journey's name and version number. */
export function memberEnrolments(db: Db, memberId: string): MemberEnrolmentRow[] {
  return prepared(
    db,
    `select e.id as enrolmentId, e.journey_id as journeyId, j.name as journeyName, v.number as version, e.entry_no as entryNo, e.status,
              e.variant, e.entered_at as enteredAt, e.goal_at as goalAt, e.exit_reason as exitReason,
              e.node_id as nodeId, e.node_entered_at as nodeEnteredAt, e.updated_at as updatedAt
         from enrolments e join journeys j on j.id = e.journey_id join journey_versions v on v.id = e.version_id
        where e.member_id = ? order by e.entered_at desc, e.id desc`,
  ).all(memberId) as MemberEnrolmentRow[];
}

export type EnrolmentEffectRow = Pick<Effect, 'id' | 'nodeId' | 'type' | 'channel' | 'status' | 'reason' | 'createdAt'> & { text: string | null };

/** The enrolment's effects in the order they were written, with a message's text. */
export function enrolmentEffects(db: Db, enrolmentId: number): EnrolmentEffectRow[] {
  // Postgres reads the JSON payload (stored as text) through jsonb.
  const text = bySqlDialect(db, { sqlite: `json_extract(payload, '$.text')`, pg: `(payload)::jsonb ->> 'text'` });
  return prepared(
    db,
    `select id, node_id as nodeId, type, channel, status, reason, ${text} as text, created_at as createdAt from outbox where enrolment_id = ? order by id`,
  ).all(enrolmentId) as EnrolmentEffectRow[];
}

/** The sending gateway's decisions about one effect, in order. */
export function effectDecisions(db: Db, outboxId: number): Pick<Decision, 'at' | 'decision' | 'reason'>[] {
  return prepared(db, `select at, decision, reason from delivery_log where outbox_id = ? order by id`).all(outboxId) as Pick<Decision, 'at' | 'decision' | 'reason'>[];
}
