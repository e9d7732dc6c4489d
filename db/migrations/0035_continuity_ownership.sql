CREATE TABLE "exit_plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"switch_days" integer NOT NULL,
	"data_to_migrate" text NOT NULL,
	"last_reviewed_on" date NOT NULL,
	"last_tested_on" date,
	"next_review_on" date NOT NULL,
	"owner_id" uuid,
	"reminded_for" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "exit_plan_versions" ADD CONSTRAINT "exit_plan_versions_plan_id_exit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_plan_versions" ADD CONSTRAINT "exit_plan_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_plans" ADD CONSTRAINT "exit_plans_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_plans" ADD CONSTRAINT "exit_plans_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_plans" ADD CONSTRAINT "exit_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exit_plan_versions_key" ON "exit_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "exit_plans_partner_key" ON "exit_plans" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "exit_plans_next_review_idx" ON "exit_plans" USING btree ("next_review_on");--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill (decision record 050): the owning department defaults from the responsible person's
-- department, for the records that already have a responsible person.
UPDATE "partners" p SET "department_id" = u."department_id" FROM "users" u WHERE u."id" = p."relationship_owner_id" AND p."department_id" IS NULL;--> statement-breakpoint
UPDATE "contracts" c SET "department_id" = u."department_id" FROM "users" u WHERE u."id" = c."owner_id" AND c."department_id" IS NULL;--> statement-breakpoint
UPDATE "risk_alerts" a SET "department_id" = u."department_id" FROM "users" u WHERE u."id" = a."owner_id" AND a."department_id" IS NULL;
