CREATE TABLE `engine_workers` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`stopping` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `partition_leases` (
	`partition` integer PRIMARY KEY NOT NULL,
	`owner` text,
	`token` integer DEFAULT 0 NOT NULL,
	`expires_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `partition_leases` (`partition`, `owner`, `token`, `expires_at`) VALUES (0, NULL, 0, 0), (1, NULL, 0, 0), (2, NULL, 0, 0), (3, NULL, 0, 0), (4, NULL, 0, 0), (5, NULL, 0, 0), (6, NULL, 0, 0), (7, NULL, 0, 0), (8, NULL, 0, 0), (9, NULL, 0, 0), (10, NULL, 0, 0), (11, NULL, 0, 0), (12, NULL, 0, 0), (13, NULL, 0, 0), (14, NULL, 0, 0), (15, NULL, 0, 0), (16, NULL, 0, 0), (17, NULL, 0, 0), (18, NULL, 0, 0), (19, NULL, 0, 0), (20, NULL, 0, 0), (21, NULL, 0, 0), (22, NULL, 0, 0), (23, NULL, 0, 0), (24, NULL, 0, 0), (25, NULL, 0, 0), (26, NULL, 0, 0), (27, NULL, 0, 0), (28, NULL, 0, 0), (29, NULL, 0, 0), (30, NULL, 0, 0), (31, NULL, 0, 0), (32, NULL, 0, 0), (33, NULL, 0, 0), (34, NULL, 0, 0), (35, NULL, 0, 0), (36, NULL, 0, 0), (37, NULL, 0, 0), (38, NULL, 0, 0), (39, NULL, 0, 0), (40, NULL, 0, 0), (41, NULL, 0, 0), (42, NULL, 0, 0), (43, NULL, 0, 0), (44, NULL, 0, 0), (45, NULL, 0, 0), (46, NULL, 0, 0), (47, NULL, 0, 0), (48, NULL, 0, 0), (49, NULL, 0, 0), (50, NULL, 0, 0), (51, NULL, 0, 0), (52, NULL, 0, 0), (53, NULL, 0, 0), (54, NULL, 0, 0), (55, NULL, 0, 0), (56, NULL, 0, 0), (57, NULL, 0, 0), (58, NULL, 0, 0), (59, NULL, 0, 0), (60, NULL, 0, 0), (61, NULL, 0, 0), (62, NULL, 0, 0), (63, NULL, 0, 0);