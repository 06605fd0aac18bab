CREATE TABLE "journey_enrolment_counts" (
	"journey_id" text collate "C" NOT NULL,
	"partition" bigint NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"in_flight" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "journey_enrolment_counts_journey_id_partition_pk" PRIMARY KEY("journey_id","partition")
);
--> statement-breakpoint
-- Hand-written: the counters follow every insert, status change and delete of an enrolment, whoever writes it.
CREATE FUNCTION enrolment_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO journey_enrolment_counts (journey_id, partition, total, in_flight)
    VALUES (NEW.journey_id, member_partition(NEW.member_id), 1, CASE WHEN NEW.status IN ('active', 'waiting') THEN 1 ELSE 0 END)
    ON CONFLICT (journey_id, partition) DO UPDATE
      SET total = journey_enrolment_counts.total + 1, in_flight = journey_enrolment_counts.in_flight + excluded.in_flight;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE journey_enrolment_counts SET in_flight = in_flight + CASE WHEN NEW.status IN ('active', 'waiting') THEN 1 ELSE -1 END
    WHERE journey_id = NEW.journey_id AND partition = member_partition(NEW.member_id);
  ELSE
    UPDATE journey_enrolment_counts SET total = total - 1, in_flight = in_flight - CASE WHEN OLD.status IN ('active', 'waiting') THEN 1 ELSE 0 END
    WHERE journey_id = OLD.journey_id AND partition = member_partition(OLD.member_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER enrolment_counts_on_insert AFTER INSERT ON enrolments FOR EACH ROW EXECUTE FUNCTION enrolment_counts();
--> statement-breakpoint
CREATE TRIGGER enrolment_counts_on_status AFTER UPDATE OF status ON enrolments FOR EACH ROW
  WHEN ((OLD.status IN ('active', 'waiting')) IS DISTINCT FROM (NEW.status IN ('active', 'waiting'))) EXECUTE FUNCTION enrolment_counts();
--> statement-breakpoint
CREATE TRIGGER enrolment_counts_on_delete AFTER DELETE ON enrolments FOR EACH ROW EXECUTE FUNCTION enrolment_counts();
--> statement-breakpoint
INSERT INTO journey_enrolment_counts (journey_id, partition, total, in_flight)
  SELECT journey_id, member_partition(member_id), count(*), sum(CASE WHEN status IN ('active', 'waiting') THEN 1 ELSE 0 END) FROM enrolments GROUP BY 1, 2;
