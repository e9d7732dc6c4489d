CREATE TABLE "allocation_shares" (
	"table_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"weight" double precision NOT NULL,
	"share_basis_points" integer NOT NULL,
	"routing_priority" text DEFAULT 'no' NOT NULL,
	"record_id" uuid,
	CONSTRAINT "allocation_shares_table_id_partner_id_pk" PRIMARY KEY("table_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "allocation_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_category" text NOT NULL,
	"quarter" text NOT NULL,
	"source_quarter" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incentive_approvals" (
	"record_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"approver_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"via" text DEFAULT 'web' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incentive_approvals_record_id_round_approver_id_pk" PRIMARY KEY("record_id","round","approver_id")
);
--> statement-breakpoint
CREATE TABLE "incentive_messages" (
	"record_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"ts" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incentive_messages_record_id_approver_id_pk" PRIMARY KEY("record_id","approver_id")
);
--> statement-breakpoint
CREATE TABLE "incentive_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"service_category" text NOT NULL,
	"tier_set_id" uuid NOT NULL,
	"tier_set_version" integer NOT NULL,
	"tier_name" text NOT NULL,
	"tier" jsonb NOT NULL,
	"kind" text NOT NULL,
	"score" double precision,
	"grade" text,
	"amount_cents" bigint DEFAULT 0 NOT NULL,
	"fee_basis" text NOT NULL,
	"quarter_fee_cents" bigint NOT NULL,
	"contract_id" uuid,
	"contract_reference" text,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"approver_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reject_reason" text,
	"decided_at" timestamp with time zone,
	"applied_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incentive_tier_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_category" text NOT NULL,
	"version" integer NOT NULL,
	"basis" text NOT NULL,
	"tiers" jsonb NOT NULL,
	"base_annual_fee_cents" bigint NOT NULL,
	"approval_threshold_cents" bigint NOT NULL,
	"approver_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocation_shares" ADD CONSTRAINT "allocation_shares_table_id_allocation_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."allocation_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_shares" ADD CONSTRAINT "allocation_shares_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_shares" ADD CONSTRAINT "allocation_shares_record_id_incentive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."incentive_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_approvals" ADD CONSTRAINT "incentive_approvals_record_id_incentive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."incentive_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_approvals" ADD CONSTRAINT "incentive_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_messages" ADD CONSTRAINT "incentive_messages_record_id_incentive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."incentive_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_messages" ADD CONSTRAINT "incentive_messages_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_records" ADD CONSTRAINT "incentive_records_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_records" ADD CONSTRAINT "incentive_records_review_id_quarterly_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."quarterly_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_records" ADD CONSTRAINT "incentive_records_tier_set_id_incentive_tier_sets_id_fk" FOREIGN KEY ("tier_set_id") REFERENCES "public"."incentive_tier_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_records" ADD CONSTRAINT "incentive_records_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_records" ADD CONSTRAINT "incentive_records_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incentive_tier_sets" ADD CONSTRAINT "incentive_tier_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_shares_partner" ON "allocation_shares" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_tables_category_quarter" ON "allocation_tables" USING btree ("service_category","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "incentive_records_partner_quarter_category" ON "incentive_records" USING btree ("partner_id","quarter","service_category");--> statement-breakpoint
CREATE INDEX "incentive_records_review" ON "incentive_records" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "incentive_records_quarter_category" ON "incentive_records" USING btree ("quarter","service_category");--> statement-breakpoint
CREATE INDEX "incentive_records_status" ON "incentive_records" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "incentive_tier_sets_category_version" ON "incentive_tier_sets" USING btree ("service_category","version");