CREATE TABLE "contract_execution_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"period" text NOT NULL,
	"period_kind" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"sla_results" jsonb NOT NULL,
	"committed" integer NOT NULL,
	"measured" integer NOT NULL,
	"missed" integer NOT NULL,
	"deviation" double precision,
	"fee_cents" bigint NOT NULL,
	"credit_percent" double precision NOT NULL,
	"credit_cents" bigint NOT NULL,
	"credit_capped" boolean DEFAULT false NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_execution_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"trigger" text NOT NULL,
	"contracts" integer DEFAULT 0 NOT NULL,
	"breaches" integer DEFAULT 0 NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_execution_results" ADD CONSTRAINT "contract_execution_results_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_execution_results" ADD CONSTRAINT "contract_execution_results_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_execution_results" ADD CONSTRAINT "contract_execution_results_run_id_contract_execution_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."contract_execution_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_execution_runs" ADD CONSTRAINT "contract_execution_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_execution_results_contract_period" ON "contract_execution_results" USING btree ("contract_id","period");--> statement-breakpoint
CREATE INDEX "contract_execution_results_period" ON "contract_execution_results" USING btree ("period","deviation");--> statement-breakpoint
CREATE INDEX "contract_execution_results_partner" ON "contract_execution_results" USING btree ("partner_id","period_to");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_execution_runs_scheduled" ON "contract_execution_runs" USING btree ("period") WHERE "contract_execution_runs"."trigger" = 'schedule';