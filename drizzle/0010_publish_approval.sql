CREATE TABLE `publish_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` text NOT NULL,
	`kind` text NOT NULL,
	`document` text NOT NULL,
	`params` text,
	`review` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`comment` text,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publish_requests_status` ON `publish_requests` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `publish_requests_journey` ON `publish_requests` (`journey_id`);