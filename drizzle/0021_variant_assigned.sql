ALTER TABLE `enrolment_variants` ADD `assigned` text;--> statement-breakpoint
ALTER TABLE `enrolment_variants` ADD `at` integer;