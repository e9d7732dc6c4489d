CREATE TABLE "training_reminders_sent" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"partner_id" uuid,
	"sent_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_reminders_sent" ADD CONSTRAINT "training_reminders_sent_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_reminders_sent_partner_idx" ON "training_reminders_sent" USING btree ("partner_id","sent_on");