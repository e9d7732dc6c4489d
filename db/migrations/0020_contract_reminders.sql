CREATE TABLE "contract_reminders" (
	"contract_id" uuid NOT NULL,
	"term_end" text NOT NULL,
	"kind" text NOT NULL,
	"days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_reminders_contract_id_term_end_kind_days_pk" PRIMARY KEY("contract_id","term_end","kind","days")
);
--> statement-breakpoint
ALTER TABLE "contract_reminders" ADD CONSTRAINT "contract_reminders_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;