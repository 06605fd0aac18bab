CREATE TABLE `asset_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`asset` text NOT NULL,
	`delta` integer,
	`value` text,
	`reason` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `asset_ledger_key` ON `asset_ledger` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `asset_ledger_member` ON `asset_ledger` (`member_id`);--> statement-breakpoint
CREATE TABLE `member_groups` (
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_groups_member` ON `member_groups` (`member_id`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`condition` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`member_id` text NOT NULL,
	`associate` text,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`due_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_key` ON `tasks` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `tasks_associate` ON `tasks` (`associate`,`status`);--> statement-breakpoint
CREATE TABLE `trigger_schedules` (
	`version_id` integer PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`next_run_at` integer,
	`last_run_at` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `journey_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trigger_schedules_next` ON `trigger_schedules` (`next_run_at`);--> statement-breakpoint
ALTER TABLE `members` ADD `stored_value` integer DEFAULT 0 NOT NULL;