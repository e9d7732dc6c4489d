CREATE TABLE "target_dashboard_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"figures" jsonb NOT NULL,
	"partner_total" integer NOT NULL,
	"non_compliant_total" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_dashboard_cache_rows" (
	"key" text NOT NULL,
	"list" text NOT NULL,
	"position" integer NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "target_dashboard_cache_rows_key_list_position_pk" PRIMARY KEY("key","list","position")
);
--> statement-breakpoint
ALTER TABLE "target_dashboard_cache_rows" ADD CONSTRAINT "target_dashboard_cache_rows_key_target_dashboard_cache_key_fk" FOREIGN KEY ("key") REFERENCES "public"."target_dashboard_cache"("key") ON DELETE cascade ON UPDATE no action;