CREATE TABLE "kpi_daily_rollups" (
	"partner_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "kpi_daily_rollups_partner_id_day_pk" PRIMARY KEY("partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "kpi_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"computation" text NOT NULL,
	"direction" text NOT NULL,
	"target" double precision NOT NULL,
	"warning_threshold" double precision NOT NULL,
	"critical_threshold" double precision NOT NULL,
	"weight" integer NOT NULL,
	"service_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"corrects" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"batch_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_daily_rollups" ADD CONSTRAINT "kpi_daily_rollups_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_daily_rollups_day_idx" ON "kpi_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "service_events_partner_external_key" ON "service_events" USING btree ("partner_id","external_id");--> statement-breakpoint
CREATE INDEX "service_events_partner_type_time_idx" ON "service_events" USING btree ("partner_id","type","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_events_corrects_key" ON "service_events" USING btree ("partner_id","corrects") WHERE "service_events"."corrects" is not null;--> statement-breakpoint
-- Service events are immutable: a correction is a new event. Refuse UPDATE at the database
-- itself (a row trigger on UPDATE costs nothing on the high-volume INSERT path). DELETE stays
-- possible for a future retention job.
CREATE OR REPLACE FUNCTION service_events_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'service_events are immutable; send a correction event instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_events_no_update BEFORE UPDATE ON service_events FOR EACH ROW EXECUTE FUNCTION service_events_refuse_update();
