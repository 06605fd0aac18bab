DROP INDEX `step_log_enter`;--> statement-breakpoint
ALTER TABLE `step_log` ADD `left_at` integer;--> statement-breakpoint
CREATE INDEX `step_log_pass` ON `step_log` (`journey_id`,`node_id`,`at`) WHERE kind = 'pass';--> statement-breakpoint
ALTER TABLE `enrolments` ADD `node_entered_at` integer;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `goal_until` integer;--> statement-breakpoint
CREATE INDEX `enrolments_goal_pending` ON `enrolments` (`member_id`,`goal_until`) WHERE status = 'completed' AND goal_at IS NULL AND goal_until IS NOT NULL;--> statement-breakpoint
-- Hand-written below (data): the old log had an 'enter' and an 'exit' row per node pass. Each exit row becomes the pass row
-- (it keeps its id, so ids still follow the order in which members left nodes) with the time of its entry.
-- First, members still at a node: remember when they entered it (their row is written when they leave).
UPDATE `enrolments` SET `node_entered_at` = (
    SELECT s.`at` FROM `step_log` s WHERE s.`enrolment_id` = `enrolments`.`id` AND s.`kind` = 'enter' AND s.`node_id` = `enrolments`.`node_id`
     ORDER BY s.`id` DESC LIMIT 1)
  WHERE `status` IN ('active', 'waiting');
--> statement-breakpoint
UPDATE `step_log` SET `kind` = 'pass', `left_at` = `at`, `at` = coalesce((
    SELECT n.`at` FROM `step_log` n WHERE n.`enrolment_id` = `step_log`.`enrolment_id` AND n.`node_id` = `step_log`.`node_id`
       AND n.`visit` = `step_log`.`visit` AND n.`kind` = 'enter' AND n.`id` < `step_log`.`id` ORDER BY n.`id` DESC LIMIT 1), `at`)
  WHERE `kind` = 'exit';
--> statement-breakpoint
DELETE FROM `step_log` WHERE `kind` = 'enter' AND EXISTS (
    SELECT 1 FROM `step_log` x WHERE x.`enrolment_id` = `step_log`.`enrolment_id` AND x.`node_id` = `step_log`.`node_id`
       AND x.`visit` = `step_log`.`visit` AND x.`kind` = 'pass' AND x.`id` > `step_log`.`id`);
--> statement-breakpoint
-- An entry never left: the node an in-flight member is at now (kept in enrolments above) …
DELETE FROM `step_log` WHERE `kind` = 'enter' AND EXISTS (
    SELECT 1 FROM `enrolments` e WHERE e.`id` = `step_log`.`enrolment_id` AND e.`status` IN ('active', 'waiting') AND e.`node_id` = `step_log`.`node_id`);
--> statement-breakpoint
-- … or where the journey ended: an end node, or a node the member was at when they left the journey (no handle).
UPDATE `step_log` SET `kind` = 'pass', `left_at` = coalesce((
    SELECT min(x.`at`) FROM `step_log` x WHERE x.`enrolment_id` = `step_log`.`enrolment_id` AND x.`kind` = 'exit_journey' AND x.`id` > `step_log`.`id`), `at`)
  WHERE `kind` = 'enter';
--> statement-breakpoint
-- The goal window of every enrolment in a version with a goal: days, hours and minutes exactly; any other form as open-ended
-- (the engine still checks the exact window, this only decides who is looked at).
UPDATE `enrolments` SET `goal_until` = (
    SELECT CASE
      WHEN w IS NULL THEN 8640000000000000
      WHEN w GLOB 'P[0-9]*D' AND substr(w, 2, length(w) - 2) NOT GLOB '*[^0-9]*' THEN `enrolments`.`entered_at` + CAST(substr(w, 2, length(w) - 2) AS INTEGER) * 86400000
      WHEN w GLOB 'PT[0-9]*H' AND substr(w, 3, length(w) - 3) NOT GLOB '*[^0-9]*' THEN `enrolments`.`entered_at` + CAST(substr(w, 3, length(w) - 3) AS INTEGER) * 3600000
      WHEN w GLOB 'PT[0-9]*M' AND substr(w, 3, length(w) - 3) NOT GLOB '*[^0-9]*' THEN `enrolments`.`entered_at` + CAST(substr(w, 3, length(w) - 3) AS INTEGER) * 60000
      ELSE 8640000000000000 END
      FROM (SELECT json_extract(v.`document`, '$.goal.within') AS w FROM `journey_versions` v WHERE v.`id` = `enrolments`.`version_id`))
  WHERE `version_id` IN (SELECT `id` FROM `journey_versions` WHERE json_extract(`document`, '$.goal') IS NOT NULL);
