CREATE TABLE `journey_enrolment_counts` (
	`journey_id` text NOT NULL,
	`partition` integer NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`in_flight` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`journey_id`, `partition`)
);
--> statement-breakpoint
-- Hand-written: the counters follow every insert, status change and delete of an enrolment, whoever writes it.
-- member_partition() is the application-defined function every connection of the app registers (src/db/client.ts).
CREATE TRIGGER `enrolment_counts_on_insert` AFTER INSERT ON `enrolments` BEGIN
  INSERT INTO `journey_enrolment_counts` (`journey_id`, `partition`, `total`, `in_flight`)
  VALUES (NEW.`journey_id`, member_partition(NEW.`member_id`), 1, NEW.`status` IN ('active', 'waiting'))
  ON CONFLICT (`journey_id`, `partition`) DO UPDATE SET `total` = `total` + 1, `in_flight` = `in_flight` + excluded.`in_flight`;
END;
--> statement-breakpoint
CREATE TRIGGER `enrolment_counts_on_status` AFTER UPDATE OF `status` ON `enrolments`
WHEN (OLD.`status` IN ('active', 'waiting')) <> (NEW.`status` IN ('active', 'waiting')) BEGIN
  UPDATE `journey_enrolment_counts` SET `in_flight` = `in_flight` + (CASE WHEN NEW.`status` IN ('active', 'waiting') THEN 1 ELSE -1 END)
  WHERE `journey_id` = NEW.`journey_id` AND `partition` = member_partition(NEW.`member_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enrolment_counts_on_delete` AFTER DELETE ON `enrolments` BEGIN
  UPDATE `journey_enrolment_counts` SET `total` = `total` - 1, `in_flight` = `in_flight` - (OLD.`status` IN ('active', 'waiting'))
  WHERE `journey_id` = OLD.`journey_id` AND `partition` = member_partition(OLD.`member_id`);
END;
--> statement-breakpoint
INSERT INTO `journey_enrolment_counts` (`journey_id`, `partition`, `total`, `in_flight`)
  SELECT `journey_id`, member_partition(`member_id`), count(*), sum(`status` IN ('active', 'waiting')) FROM `enrolments` GROUP BY 1, 2;
