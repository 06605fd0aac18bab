DROP INDEX `step_log_node`;--> statement-breakpoint
CREATE INDEX `step_log_enter` ON `step_log` (`journey_id`,`node_id`,`at`) WHERE kind = 'enter';--> statement-breakpoint
CREATE INDEX `enrolments_entered` ON `enrolments` (`journey_id`,`entered_at`);