ALTER TABLE "risk_alerts" ADD COLUMN "slack_dm_channel" text;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "slack_dm_ts" text;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "slack_dm_user_id" uuid;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_slack_dm_user_id_users_id_fk" FOREIGN KEY ("slack_dm_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;