-- node_counts by hour, written by the engine with each batch (hand-edited: the old per-row trigger goes, the counts are rebuilt from the step log).
DROP TRIGGER IF EXISTS step_log_count;
--> statement-breakpoint
DROP TABLE `node_counts`;
--> statement-breakpoint
CREATE TABLE `node_counts` (
	`journey_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`node_id` text NOT NULL,
	`kind` text NOT NULL,
	`handle` text DEFAULT '' NOT NULL,
	`hour` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`journey_id`, `version_id`, `node_id`, `kind`, `handle`, `hour`)
);
--> statement-breakpoint
INSERT INTO node_counts (journey_id, version_id, node_id, kind, handle, hour, n)
  SELECT journey_id, version_id, coalesce(node_id, ''), kind, coalesce(handle, ''), at / 3600000, count(*) FROM step_log GROUP BY 1, 2, 3, 4, 5, 6;
