CREATE TABLE "kpi_monthly_rollups" (
	"partner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"cases_opened" integer DEFAULT 0 NOT NULL,
	"cases_closed" integer DEFAULT 0 NOT NULL,
	"closed_within_sla" integer DEFAULT 0 NOT NULL,
	"ratings_count" integer DEFAULT 0 NOT NULL,
	"ratings_sum" integer DEFAULT 0 NOT NULL,
	"checks_total" integer DEFAULT 0 NOT NULL,
	"checks_passed" integer DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"handled_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"loss_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "kpi_monthly_rollups_partner_id_month_pk" PRIMARY KEY("partner_id","month")
);
--> statement-breakpoint
CREATE TABLE "peer_distributions" (
	"period" text NOT NULL,
	"category" text NOT NULL,
	"scores" double precision[] NOT NULL,
	CONSTRAINT "peer_distributions_period_category_pk" PRIMARY KEY("period","category")
);
--> statement-breakpoint
CREATE TABLE "peer_score_refreshes" (
	"period" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_scores" (
	"period" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"service_categories" text[] NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "peer_scores_period_partner_id_pk" PRIMARY KEY("period","partner_id")
);
--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD CONSTRAINT "kpi_monthly_rollups_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_scores" ADD CONSTRAINT "peer_scores_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_monthly_rollups_month_idx" ON "kpi_monthly_rollups" USING btree ("month");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- Backfill: months from the daily rows already stored (a day belongs to the month it falls in).
INSERT INTO "kpi_monthly_rollups" ("partner_id", "month", "cases_opened", "cases_closed", "closed_within_sla",
	"ratings_count", "ratings_sum", "checks_total", "checks_passed", "complaints", "handled_amount", "loss_amount")
SELECT "partner_id", date_trunc('month', "day")::date, sum("cases_opened"), sum("cases_closed"), sum("closed_within_sla"),
	sum("ratings_count"), sum("ratings_sum"), sum("checks_total"), sum("checks_passed"), sum("complaints"),
	sum("handled_amount"), sum("loss_amount")
FROM "kpi_daily_rollups"
GROUP BY 1, 2;
