CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`entry_no` integer NOT NULL,
	`status` text NOT NULL,
	`node_id` text,
	`snapshot` text NOT NULL,
	`wake_at` integer,
	`variant` text,
	`exit_reason` text,
	`entered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`goal_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `journey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_entry` ON `enrolments` (`journey_id`,`member_id`,`entry_no`);--> statement-breakpoint
CREATE INDEX `enrolments_wake` ON `enrolments` (`wake_at`) WHERE wake_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `enrolments_member_status` ON `enrolments` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `enrolments_node` ON `enrolments` (`journey_id`,`node_id`,`status`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text,
	`member_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_member_time` ON `events` (`member_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `journey_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` text NOT NULL,
	`number` integer NOT NULL,
	`hash` text NOT NULL,
	`document` text NOT NULL,
	`machine` text NOT NULL,
	`trigger_event` text,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journey_versions_number` ON `journey_versions` (`journey_id`,`number`);--> statement-breakpoint
CREATE INDEX `journey_versions_trigger` ON `journey_versions` (`trigger_event`);--> statement-breakpoint
CREATE TABLE `journeys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`draft` text NOT NULL,
	`live_version_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_tags` (
	`member_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`member_id`, `tag`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_tags_tag` ON `member_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`gender` text,
	`birthday` text,
	`city` text,
	`tier` text DEFAULT 'bronze' NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`growth` integer DEFAULT 0 NOT NULL,
	`tz` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`join_date` text,
	`join_channel` text,
	`store` text,
	`associate` text,
	`consent` text DEFAULT '{}' NOT NULL,
	`attributes` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`enrolment_id` integer NOT NULL,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`member_id` text NOT NULL,
	`type` text NOT NULL,
	`channel` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`deliver_after` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`deliver_after`);--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`delta` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_key` ON `points_ledger` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `points_ledger_member` ON `points_ledger` (`member_id`);--> statement-breakpoint
CREATE TABLE `step_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrolment_id` integer NOT NULL,
	`journey_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`node_id` text,
	`kind` text NOT NULL,
	`handle` text,
	`visit` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `step_log_node` ON `step_log` (`journey_id`,`node_id`,`kind`,`handle`);--> statement-breakpoint
CREATE INDEX `step_log_enrolment` ON `step_log` (`enrolment_id`);