CREATE TABLE `member_identities` (
	`type` text NOT NULL,
	`value` text NOT NULL,
	`member_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`type`, `value`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_identities_member` ON `member_identities` (`member_id`);--> statement-breakpoint
ALTER TABLE `members` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `erased_at` integer;--> statement-breakpoint
-- Members stored before identities existed: their phone and email become identities (the first member keeps a shared one).
INSERT OR IGNORE INTO `member_identities` (`type`, `value`, `member_id`, `added_at`) SELECT 'phone', `phone`, `id`, `created_at` FROM `members` WHERE `phone` IS NOT NULL ORDER BY `id`;--> statement-breakpoint
INSERT OR IGNORE INTO `member_identities` (`type`, `value`, `member_id`, `added_at`) SELECT 'email', lower(`email`), `id`, `created_at` FROM `members` WHERE `email` IS NOT NULL ORDER BY `id`;
