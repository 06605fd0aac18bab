// The member-facts queries live in src/db/member-facts.ts; this re-export remains only for src/runtime/stepper.ts
// (being changed by another session) and goes once it imports '@/db/member-facts' itself.
export { loadHistory, loadManyMemberFacts, loadMemberFacts, loadSegmentDefs } from '@/db/member-facts';
