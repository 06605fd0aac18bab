CREATE TABLE `enrolment_variants` (
	`enrolment_id` integer NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`node_id` text NOT NULL,
	`variant` text NOT NULL,
	PRIMARY KEY(`enrolment_id`, `node_id`),
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrolment_variants_node` ON `enrolment_variants` (`journey_id`,`node_id`,`variant`);--> statement-breakpoint
CREATE TABLE `node_counts` (
	`journey_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`node_id` text NOT NULL,
	`kind` text NOT NULL,
	`handle` text DEFAULT '' NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`journey_id`, `version_id`, `node_id`, `kind`, `handle`)
);
