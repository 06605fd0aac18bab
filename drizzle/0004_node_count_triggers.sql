-- Keep node_counts in step with step_log inside the same transaction (custom migration: drizzle-kit does not generate triggers).
INSERT INTO node_counts (journey_id, version_id, node_id, kind, handle, n)
  SELECT journey_id, version_id, coalesce(node_id, ''), kind, coalesce(handle, ''), count(*) FROM step_log GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER step_log_count AFTER INSERT ON step_log BEGIN
  INSERT INTO node_counts (journey_id, version_id, node_id, kind, handle, n)
  VALUES (NEW.journey_id, NEW.version_id, coalesce(NEW.node_id, ''), NEW.kind, coalesce(NEW.handle, ''), 1)
  ON CONFLICT (journey_id, version_id, node_id, kind, handle) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
INSERT INTO enrolment_variants (enrolment_id, journey_id, version_id, node_id, variant)
  SELECT s.enrolment_id, s.journey_id, s.version_id, s.node_id, s.handle FROM step_log s JOIN enrolments e ON e.id = s.enrolment_id
   WHERE s.kind = 'exit' AND e.variant IS NOT NULL AND s.handle = e.variant
  ON CONFLICT DO NOTHING;
