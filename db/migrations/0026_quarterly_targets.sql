CREATE TABLE "target_compliance_snapshots" (
	"quarter" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"reasons" text[] NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "target_compliance_snapshots_quarter_partner_id_pk" PRIMARY KEY("quarter","partner_id")
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "target_compliance_snapshots" ADD CONSTRAINT "target_compliance_snapshots_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_compliance_snapshots_partner_idx" ON "target_compliance_snapshots" USING btree ("partner_id");