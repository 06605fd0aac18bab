CREATE TABLE "asset_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"asset" text collate "C" NOT NULL,
	"delta" bigint,
	"value" text collate "C",
	"reason" text collate "C" NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor" text collate "C" NOT NULL,
	"action" text collate "C" NOT NULL,
	"target" text collate "C" NOT NULL,
	"detail" text collate "C"
);
--> statement-breakpoint
CREATE TABLE "delivery_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"decision" text collate "C" NOT NULL,
	"reason" text collate "C" NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_variants" (
	"enrolment_id" bigint NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"version_id" bigint NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"variant" text collate "C" NOT NULL,
	CONSTRAINT "enrolment_variants_enrolment_id_node_id_pk" PRIMARY KEY("enrolment_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"version_id" bigint NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"entry_no" bigint NOT NULL,
	"status" text collate "C" NOT NULL,
	"node_id" text collate "C",
	"snapshot" text collate "C" NOT NULL,
	"wake_at" bigint,
	"variant" text collate "C",
	"exit_reason" text collate "C",
	"entered_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"goal_at" bigint,
	"node_entered_at" bigint,
	"goal_until" bigint
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text collate "C",
	"member_id" text collate "C" NOT NULL,
	"type" text collate "C" NOT NULL,
	"occurred_at" bigint NOT NULL,
	"received_at" bigint NOT NULL,
	"properties" text collate "C" DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_seq" bigint NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"partition" bigint NOT NULL,
	"accepted_at" bigint NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"error" text collate "C"
);
--> statement-breakpoint
CREATE TABLE "journey_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"number" bigint NOT NULL,
	"hash" text collate "C" NOT NULL,
	"document" text collate "C" NOT NULL,
	"machine" text collate "C" NOT NULL,
	"trigger_event" text collate "C",
	"published_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_groups" (
	"group_id" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"added_at" bigint NOT NULL,
	CONSTRAINT "member_groups_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "member_identities" (
	"type" text collate "C" NOT NULL,
	"value" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"added_at" bigint NOT NULL,
	CONSTRAINT "member_identities_type_value_pk" PRIMARY KEY("type","value")
);
--> statement-breakpoint
CREATE TABLE "member_tags" (
	"member_id" text collate "C" NOT NULL,
	"tag" text collate "C" NOT NULL,
	CONSTRAINT "member_tags_member_id_tag_pk" PRIMARY KEY("member_id","tag")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"name" text collate "C" NOT NULL,
	"phone" text collate "C",
	"email" text collate "C",
	"gender" text collate "C",
	"birthday" text collate "C",
	"city" text collate "C",
	"tier" text collate "C" DEFAULT 'bronze' NOT NULL,
	"points" bigint DEFAULT 0 NOT NULL,
	"growth" bigint DEFAULT 0 NOT NULL,
	"stored_value" bigint DEFAULT 0 NOT NULL,
	"tz" text collate "C" DEFAULT 'Asia/Shanghai' NOT NULL,
	"join_date" text collate "C",
	"join_channel" text collate "C",
	"store" text collate "C",
	"associate" text collate "C",
	"consent" text collate "C" DEFAULT '{}' NOT NULL,
	"unsubscribed_at" bigint,
	"attributes" text collate "C" DEFAULT '{}' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint,
	"erased_at" bigint
);
--> statement-breakpoint
CREATE TABLE "node_counts" (
	"journey_id" text collate "C" NOT NULL,
	"version_id" bigint NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"kind" text collate "C" NOT NULL,
	"handle" text collate "C" DEFAULT '' NOT NULL,
	"hour" bigint NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "node_counts_journey_id_version_id_node_id_kind_handle_hour_pk" PRIMARY KEY("journey_id","version_id","node_id","kind","handle","hour")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"type" text collate "C" NOT NULL,
	"channel" text collate "C",
	"payload" text collate "C" NOT NULL,
	"status" text collate "C" DEFAULT 'pending' NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"reason" text collate "C",
	"created_at" bigint NOT NULL,
	"deliver_after" bigint NOT NULL,
	"delivered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"delta" bigint NOT NULL,
	"kind" text collate "C" NOT NULL,
	"reason" text collate "C" NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"name" text collate "C" NOT NULL,
	"condition" text collate "C" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text collate "C" PRIMARY KEY NOT NULL,
	"value" text collate "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"version_id" bigint NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"node_id" text collate "C",
	"kind" text collate "C" NOT NULL,
	"handle" text collate "C",
	"visit" bigint,
	"at" bigint NOT NULL,
	"left_at" bigint
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"associate" text collate "C",
	"journey_id" text collate "C" NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"text" text collate "C" NOT NULL,
	"status" text collate "C" DEFAULT 'open' NOT NULL,
	"due_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trigger_schedules" (
	"version_id" bigint PRIMARY KEY NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"next_run_at" bigint,
	"last_run_at" bigint NOT NULL,
	"cursor" text collate "C"
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"name" text collate "C" NOT NULL,
	"status" text collate "C" DEFAULT 'draft' NOT NULL,
	"draft" text collate "C" NOT NULL,
	"live_version_id" bigint,
	"paused_at" bigint,
	"paused_after_event" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"name" text collate "C" NOT NULL,
	"scope" text collate "C" NOT NULL,
	"prefix" text collate "C" NOT NULL,
	"key_hash" text collate "C" NOT NULL,
	"created_by" text collate "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "publish_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"kind" text collate "C" NOT NULL,
	"document" text collate "C" NOT NULL,
	"params" text collate "C",
	"review" text collate "C" NOT NULL,
	"status" text collate "C" DEFAULT 'pending' NOT NULL,
	"requested_by" text collate "C" NOT NULL,
	"requested_at" bigint NOT NULL,
	"decided_by" text collate "C",
	"decided_at" bigint,
	"comment" text collate "C"
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text collate "C" PRIMARY KEY NOT NULL,
	"user_id" text collate "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"email" text collate "C" NOT NULL,
	"name" text collate "C" NOT NULL,
	"role" text collate "C" NOT NULL,
	"password_hash" text collate "C" NOT NULL,
	"failed_sign_ins" bigint DEFAULT 0 NOT NULL,
	"locked_until" bigint,
	"disabled_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_providers" (
	"channel" text collate "C" PRIMARY KEY NOT NULL,
	"provider" text collate "C" NOT NULL,
	"settings" text collate "C" NOT NULL,
	"secrets" text collate "C",
	"updated_at" bigint NOT NULL,
	"updated_by" text collate "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"title" text collate "C",
	"body" text collate "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"read_at" bigint
);
--> statement-breakpoint
CREATE TABLE "link_tokens" (
	"token" text collate "C" PRIMARY KEY NOT NULL,
	"kind" text collate "C" NOT NULL,
	"member_id" text collate "C" NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"channel" text collate "C" NOT NULL,
	"idempotency_key" text collate "C" NOT NULL,
	"target" text collate "C",
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_sends" (
	"idempotency_key" text collate "C" PRIMARY KEY NOT NULL,
	"provider" text collate "C" NOT NULL,
	"provider_message_id" text collate "C",
	"member_id" text collate "C" NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"node_id" text collate "C" NOT NULL,
	"channel" text collate "C" NOT NULL,
	"sent_at" bigint NOT NULL,
	"delivered_at" bigint,
	"failed_at" bigint,
	"opened_at" bigint,
	"clicked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "provider_tokens" (
	"key" text collate "C" PRIMARY KEY NOT NULL,
	"token" text collate "C" NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_rate_limits" (
	"channel" text collate "C" PRIMARY KEY NOT NULL,
	"per_second" bigint,
	"per_minute" bigint,
	"updated_at" bigint NOT NULL,
	"updated_by" text collate "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_rate_log" (
	"key" text collate "C" NOT NULL,
	"at" bigint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "send_rate_log_key_at_pk" PRIMARY KEY("key","at")
);
--> statement-breakpoint
CREATE TABLE "coupon_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pool_id" text collate "C" NOT NULL,
	"code" text collate "C" NOT NULL,
	"status" text collate "C" DEFAULT 'available' NOT NULL,
	"idempotency_key" text collate "C",
	"member_id" text collate "C",
	"journey_id" text collate "C",
	"enrolment_id" bigint,
	"node_id" text collate "C",
	"added_at" bigint NOT NULL,
	"issued_at" bigint,
	"redeemed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "coupon_pools" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"name" text collate "C" NOT NULL,
	"expires_at" bigint,
	"low_stock" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text collate "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journey_id" text collate "C" NOT NULL,
	"requested_at" bigint NOT NULL,
	"requested_by" text collate "C" NOT NULL,
	"status" text collate "C" NOT NULL,
	"audience" bigint,
	"enrolled" bigint,
	"error" text collate "C",
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "engine_workers" (
	"id" text collate "C" PRIMARY KEY NOT NULL,
	"host" text collate "C" NOT NULL,
	"pid" bigint NOT NULL,
	"started_at" bigint NOT NULL,
	"heartbeat_at" bigint NOT NULL,
	"stopping" bigint DEFAULT 0 NOT NULL,
	"report" text collate "C"
);
--> statement-breakpoint
CREATE TABLE "partition_leases" (
	"partition" bigint PRIMARY KEY NOT NULL,
	"owner" text collate "C",
	"token" bigint DEFAULT 0 NOT NULL,
	"expires_at" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_ledger" ADD CONSTRAINT "asset_ledger_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_log" ADD CONSTRAINT "delivery_log_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_variants" ADD CONSTRAINT "enrolment_variants_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_version_id_journey_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."journey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox" ADD CONSTRAINT "inbox_event_seq_events_seq_fk" FOREIGN KEY ("event_seq") REFERENCES "public"."events"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_versions" ADD CONSTRAINT "journey_versions_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_groups" ADD CONSTRAINT "member_groups_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_identities" ADD CONSTRAINT "member_identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_tags" ADD CONSTRAINT "member_tags_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_log" ADD CONSTRAINT "step_log_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_schedules" ADD CONSTRAINT "trigger_schedules_version_id_journey_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."journey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_requests" ADD CONSTRAINT "publish_requests_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_pool_id_coupon_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."coupon_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_ledger_key" ON "asset_ledger" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "asset_ledger_member" ON "asset_ledger" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "delivery_log_outbox" ON "delivery_log" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "delivery_log_member" ON "delivery_log" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "enrolment_variants_node" ON "enrolment_variants" USING btree ("journey_id","node_id","variant");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_entry" ON "enrolments" USING btree ("journey_id","member_id","entry_no");--> statement-breakpoint
CREATE INDEX "enrolments_wake" ON "enrolments" USING btree ("wake_at") WHERE wake_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "enrolments_member_status" ON "enrolments" USING btree ("member_id","status");--> statement-breakpoint
CREATE INDEX "enrolments_node" ON "enrolments" USING btree ("journey_id","node_id","status");--> statement-breakpoint
CREATE INDEX "enrolments_entered" ON "enrolments" USING btree ("journey_id","entered_at");--> statement-breakpoint
CREATE INDEX "enrolments_goal_pending" ON "enrolments" USING btree ("member_id","goal_until") WHERE status = 'completed' AND goal_at IS NULL AND goal_until IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "events_id" ON "events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "events_member_time" ON "events" USING btree ("member_id","occurred_at");--> statement-breakpoint
CREATE INDEX "inbox_partition" ON "inbox" USING btree ("partition","id");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_versions_number" ON "journey_versions" USING btree ("journey_id","number");--> statement-breakpoint
CREATE INDEX "journey_versions_trigger" ON "journey_versions" USING btree ("trigger_event");--> statement-breakpoint
CREATE INDEX "member_groups_member" ON "member_groups" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_identities_member" ON "member_identities" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_tags_tag" ON "member_tags" USING btree ("tag");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("status","deliver_after");--> statement-breakpoint
CREATE INDEX "outbox_member_sent" ON "outbox" USING btree ("member_id","type","delivered_at");--> statement-breakpoint
CREATE INDEX "outbox_node" ON "outbox" USING btree ("journey_id","node_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_key" ON "points_ledger" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "points_ledger_member" ON "points_ledger" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "step_log_pass" ON "step_log" USING btree ("journey_id","node_id","at") WHERE kind = 'pass';--> statement-breakpoint
CREATE INDEX "step_log_enrolment" ON "step_log" USING btree ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_key" ON "tasks" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "tasks_associate" ON "tasks" USING btree ("associate","status");--> statement-breakpoint
CREATE INDEX "trigger_schedules_next" ON "trigger_schedules" USING btree ("next_run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "publish_requests_status" ON "publish_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "publish_requests_journey" ON "publish_requests" USING btree ("journey_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_messages_key" ON "inbox_messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "inbox_messages_member" ON "inbox_messages" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "link_tokens_member" ON "link_tokens" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "message_sends_provider_id" ON "message_sends" USING btree ("provider","provider_message_id");--> statement-breakpoint
CREATE INDEX "message_sends_node" ON "message_sends" USING btree ("journey_id","node_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_codes_pool_code" ON "coupon_codes" USING btree ("pool_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_codes_key" ON "coupon_codes" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "coupon_codes_next" ON "coupon_codes" USING btree ("pool_id","status","id");--> statement-breakpoint
CREATE INDEX "coupon_codes_member" ON "coupon_codes" USING btree ("member_id","journey_id");--> statement-breakpoint
CREATE INDEX "coupon_codes_code" ON "coupon_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "run_requests_status" ON "run_requests" USING btree ("status","id");