ALTER TABLE "enrolment_variants" ADD COLUMN "assigned" text collate "C";--> statement-breakpoint
ALTER TABLE "enrolment_variants" ADD COLUMN "at" bigint;