CREATE INDEX "applications_open_stage_idx" ON "applications" USING btree ("stage","updated_at") WHERE "applications"."status" = 'in_progress';--> statement-breakpoint
CREATE INDEX "documents_awaiting_review_idx" ON "documents" USING btree ("updated_at") WHERE "documents"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "quarterly_reviews_status_idx" ON "quarterly_reviews" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rectification_items_status_due_idx" ON "rectification_items" USING btree ("status","due_date");