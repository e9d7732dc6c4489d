ALTER TABLE "contract_execution_results" ADD COLUMN "material_breaches" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "renewal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "withdrawn_reason" text;