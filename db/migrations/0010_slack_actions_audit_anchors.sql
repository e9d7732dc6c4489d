CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"head_id" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"entries" bigint NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"slack_user_id" text NOT NULL,
	"slack_team_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "coalesce_key" text;--> statement-breakpoint
ALTER TABLE "slack_link_requests" ADD CONSTRAINT "slack_link_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slack_link_requests_user_idx" ON "slack_link_requests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_coalesce_key" ON "outbox" USING btree ("coalesce_key") WHERE "outbox"."coalesce_key" is not null;--> statement-breakpoint
-- Checkpoints are as append-only as the log they anchor.
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
