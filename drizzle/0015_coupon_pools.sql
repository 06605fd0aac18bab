CREATE TABLE `coupon_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pool_id` text NOT NULL,
	`code` text NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`idempotency_key` text,
	`member_id` text,
	`journey_id` text,
	`enrolment_id` integer,
	`node_id` text,
	`added_at` integer NOT NULL,
	`issued_at` integer,
	`redeemed_at` integer,
	FOREIGN KEY (`pool_id`) REFERENCES `coupon_pools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_codes_pool_code` ON `coupon_codes` (`pool_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_codes_key` ON `coupon_codes` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `coupon_codes_next` ON `coupon_codes` (`pool_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `coupon_codes_member` ON `coupon_codes` (`member_id`,`journey_id`);--> statement-breakpoint
CREATE INDEX `coupon_codes_code` ON `coupon_codes` (`code`);--> statement-breakpoint
CREATE TABLE `coupon_pools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`expires_at` integer,
	`low_stock` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
