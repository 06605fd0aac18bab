import type { Db } from './client';
import { members, memberTags, outbox } from './schema';

// What `journey simulate` writes into and reads from its scratch database.

/** A member as given in a simulation file, with its tags. */
export function insertSimulatedMember(db: Db, member: typeof members.$inferInsert, tags: string[]): void {
  db.insert(members).values(member).run();
  for (const tag of tags) db.insert(memberTags).values({ memberId: member.id, tag }).onConflictDoNothing().run();
}

/** Every effect written, in order. */
export function effectsInOrder(db: Db): (Pick<typeof outbox.$inferSelect, 'memberId' | 'nodeId' | 'type' | 'channel'> & { at: number })[] {
  return db.select({ memberId: outbox.memberId, nodeId: outbox.nodeId, type: outbox.type, channel: outbox.channel, at: outbox.createdAt }).from(outbox).orderBy(outbox.id).all();
}
