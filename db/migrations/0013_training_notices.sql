CREATE TABLE "training_notice_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target" text NOT NULL,
	"partner_id" uuid,
	"service_category" text,
	"person_id" uuid,
	"requires_confirmation" boolean DEFAULT false NOT NULL,
	"confirm_by" date,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "training_notices_target_shape" CHECK (("training_notices"."target" = 'partner' and "training_notices"."partner_id" is not null)
        or ("training_notices"."target" = 'category' and "training_notices"."service_category" is not null)
        or ("training_notices"."target" = 'person' and "training_notices"."person_id" is not null and "training_notices"."partner_id" is not null)),
	CONSTRAINT "training_notices_confirm_by" CHECK ("training_notices"."requires_confirmation" = ("training_notices"."confirm_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "training_notice_receipts" ADD CONSTRAINT "training_notice_receipts_notice_id_training_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."training_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notice_receipts" ADD CONSTRAINT "training_notice_receipts_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notice_receipts" ADD CONSTRAINT "training_notice_receipts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notice_receipts" ADD CONSTRAINT "training_notice_receipts_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notices" ADD CONSTRAINT "training_notices_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notices" ADD CONSTRAINT "training_notices_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notices" ADD CONSTRAINT "training_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_notices" ADD CONSTRAINT "training_notices_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_notice_receipts_notice_person_key" ON "training_notice_receipts" USING btree ("notice_id","person_id");--> statement-breakpoint
CREATE INDEX "training_notice_receipts_person_idx" ON "training_notice_receipts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_notices_published_idx" ON "training_notices" USING btree ("published_at");