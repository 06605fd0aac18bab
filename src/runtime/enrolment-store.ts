// The engine's hot-path SQL lives in src/db/enrolment-store.ts (and its batched writer in src/db/step-writer.ts).
// This re-export remains only for src/runtime/stepper.ts and effect-row.ts (being changed by other sessions).
export * from '@/db/enrolment-store';
