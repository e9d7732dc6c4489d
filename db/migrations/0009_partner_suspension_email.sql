ALTER TABLE "partners" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "status_before_suspension" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_opt_out" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD COLUMN "reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL;