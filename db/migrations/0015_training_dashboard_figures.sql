CREATE TABLE "training_portfolio_months" (
	"month" date NOT NULL,
	"service_category" text NOT NULL,
	"people" integer NOT NULL,
	"met" integer NOT NULL,
	CONSTRAINT "training_portfolio_months_month_service_category_pk" PRIMARY KEY("month","service_category")
);
--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD COLUMN "training_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD COLUMN "notices_owed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_monthly_rollups" ADD COLUMN "notices_confirmed" integer DEFAULT 0 NOT NULL;