CREATE TABLE "supervision_finding_items" (
	"finding_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	CONSTRAINT "supervision_finding_items_finding_id_item_id_pk" PRIMARY KEY("finding_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "supervision_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"partner_id" uuid,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_task_partners" (
	"task_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	CONSTRAINT "supervision_task_partners_task_id_partner_id_pk" PRIMARY KEY("task_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "supervision_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"conclusion" text,
	"created_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"reminded_for" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_finding_items" ADD CONSTRAINT "supervision_finding_items_finding_id_supervision_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."supervision_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_finding_items" ADD CONSTRAINT "supervision_finding_items_item_id_rectification_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."rectification_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_task_id_supervision_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."supervision_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_task_partners" ADD CONSTRAINT "supervision_task_partners_task_id_supervision_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."supervision_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_task_partners" ADD CONSTRAINT "supervision_task_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_tasks" ADD CONSTRAINT "supervision_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_tasks" ADD CONSTRAINT "supervision_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_tasks" ADD CONSTRAINT "supervision_tasks_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_finding_items_item_idx" ON "supervision_finding_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "supervision_findings_task_idx" ON "supervision_findings" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "supervision_task_partners_partner_idx" ON "supervision_task_partners" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "supervision_tasks_status_due_idx" ON "supervision_tasks" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "supervision_tasks_owner_idx" ON "supervision_tasks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");