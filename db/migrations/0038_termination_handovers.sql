CREATE TABLE "termination_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"termination_case_id" uuid NOT NULL,
	"case_id" text NOT NULL,
	"from_partner_id" uuid NOT NULL,
	"to_partner_id" uuid NOT NULL,
	"opened_at" timestamp with time zone,
	"sla_due_at" text,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moved_by" uuid
);
--> statement-breakpoint
ALTER TABLE "termination_handovers" ADD CONSTRAINT "termination_handovers_termination_case_id_termination_cases_id_fk" FOREIGN KEY ("termination_case_id") REFERENCES "public"."termination_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_handovers" ADD CONSTRAINT "termination_handovers_from_partner_id_partners_id_fk" FOREIGN KEY ("from_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_handovers" ADD CONSTRAINT "termination_handovers_to_partner_id_partners_id_fk" FOREIGN KEY ("to_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "termination_handovers" ADD CONSTRAINT "termination_handovers_moved_by_users_id_fk" FOREIGN KEY ("moved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "termination_handovers_case_key" ON "termination_handovers" USING btree ("termination_case_id","case_id");--> statement-breakpoint
CREATE INDEX "termination_handovers_to_idx" ON "termination_handovers" USING btree ("to_partner_id","moved_at");