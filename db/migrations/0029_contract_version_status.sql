ALTER TABLE "contract_versions" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "reason" text;--> statement-breakpoint
-- Existing versions: earlier ones were returned; the current one stands where its contract does.
UPDATE "contract_versions" v SET "status" = CASE
  WHEN v."version" < c."current_version" THEN 'returned'
  WHEN c."status" IN ('draft', 'legal_review', 'approval', 'signing') THEN c."status"
  ELSE 'signed' END
FROM "contracts" c WHERE c."id" = v."contract_id";--> statement-breakpoint
CREATE UNIQUE INDEX "contract_versions_one_open" ON "contract_versions" USING btree ("contract_id") WHERE status in ('draft', 'legal_review', 'approval', 'signing');