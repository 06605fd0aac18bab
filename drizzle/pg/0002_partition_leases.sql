-- Hand-written: the 64 member partitions (PARTITIONS in src/db/inbox.ts), free until a worker leases them.
INSERT INTO "partition_leases" ("partition", "owner", "token", "expires_at") SELECT g, NULL, 0, 0 FROM generate_series(0, 63) g ON CONFLICT DO NOTHING;
