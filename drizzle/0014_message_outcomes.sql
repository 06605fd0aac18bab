ALTER TABLE `message_sends` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `message_sends` ADD `failed_at` integer;--> statement-breakpoint
ALTER TABLE `message_sends` ADD `opened_at` integer;--> statement-breakpoint
ALTER TABLE `message_sends` ADD `clicked_at` integer;--> statement-breakpoint
CREATE INDEX `message_sends_node` ON `message_sends` (`journey_id`,`node_id`,`sent_at`);