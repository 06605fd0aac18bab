CREATE TABLE `run_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` text NOT NULL,
	`requested_at` integer NOT NULL,
	`requested_by` text NOT NULL,
	`status` text NOT NULL,
	`audience` integer,
	`enrolled` integer,
	`error` text,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `run_requests_status` ON `run_requests` (`status`,`id`);