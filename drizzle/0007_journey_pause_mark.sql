ALTER TABLE `journeys` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `journeys` ADD `paused_after_event` integer;