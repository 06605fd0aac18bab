CREATE TABLE `channel_providers` (
	`channel` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`settings` text NOT NULL,
	`secrets` text,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`member_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`title` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_messages_key` ON `inbox_messages` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `inbox_messages_member` ON `inbox_messages` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `link_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`member_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`channel` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`target` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_tokens_member` ON `link_tokens` (`member_id`);--> statement-breakpoint
CREATE TABLE `message_sends` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text,
	`member_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`node_id` text NOT NULL,
	`channel` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `message_sends_provider_id` ON `message_sends` (`provider`,`provider_message_id`);--> statement-breakpoint
CREATE TABLE `provider_tokens` (
	`key` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`expires_at` integer NOT NULL
);
