CREATE TABLE `send_rate_limits` (
	`channel` text PRIMARY KEY NOT NULL,
	`per_second` integer,
	`per_minute` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `send_rate_log` (
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`key`, `at`)
);
