-- Hand-written (drizzle-kit does not generate functions): member_partition(member_id), the same hash as
-- memberPartition() in src/db/inbox.ts (FNV-1a over UTF-16 code units, murmur3 finaliser, mod 64), which SQLite gets as
-- an application-defined function. Workers select their members' timers and messages with it.
CREATE FUNCTION member_mul32(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((a * (b & 65535)) + (((a * (b >> 16)) & 65535) << 16)) & 4294967295
$$;
--> statement-breakpoint
CREATE FUNCTION member_partition(id text) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  h bigint := 2166136261;
  cp integer;
  unit integer;
  units integer[];
BEGIN
  FOR i IN 1 .. char_length(id) LOOP
    cp := ascii(substr(id, i, 1));
    IF cp > 65535 THEN
      units := ARRAY[55296 + ((cp - 65536) >> 10), 56320 + ((cp - 65536) & 1023)];
    ELSE
      units := ARRAY[cp];
    END IF;
    FOREACH unit IN ARRAY units LOOP
      h := member_mul32(h # unit, 16777619);
    END LOOP;
  END LOOP;
  h := h # (h >> 16);
  h := member_mul32(h, 2246822507);
  h := h # (h >> 13);
  h := member_mul32(h, 3266489909);
  h := h # (h >> 16);
  RETURN (h % 64)::integer;
END
$$;
--> statement-breakpoint
-- A worker's timer scan and its outbox claim read only its own partitions: index them by partition.
CREATE INDEX enrolments_partition_wake ON enrolments (member_partition(member_id), wake_at) WHERE wake_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX outbox_partition_pending ON outbox (member_partition(member_id), deliver_after) WHERE status = 'pending';
