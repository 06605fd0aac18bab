CREATE TABLE `delivery_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delivery_log_outbox` ON `delivery_log` (`outbox_id`);--> statement-breakpoint
CREATE INDEX `delivery_log_member` ON `delivery_log` (`member_id`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `members` ADD `unsubscribed_at` integer;--> statement-breakpoint
ALTER TABLE `trigger_schedules` ADD `cursor` text;--> statement-breakpoint
CREATE INDEX `outbox_member_sent` ON `outbox` (`member_id`,`type`,`delivered_at`);--> statement-breakpoint
CREATE INDEX `outbox_node` ON `outbox` (`journey_id`,`node_id`,`status`);