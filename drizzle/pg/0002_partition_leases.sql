CREATE TABLE "engine_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" bigint NOT NULL,
	"started_at" bigint NOT NULL,
	"heartbeat_at" bigint NOT NULL,
	"stopping" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partition_leases" (
	"partition" bigint PRIMARY KEY NOT NULL,
	"owner" text,
	"token" bigint DEFAULT 0 NOT NULL,
	"expires_at" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-added: the 64 member partitions (PARTITIONS in src/db/inbox.ts), free until a worker leases them.
INSERT INTO "partition_leases" ("partition", "owner", "token", "expires_at") SELECT g, NULL, 0, 0 FROM generate_series(0, 63) g;
