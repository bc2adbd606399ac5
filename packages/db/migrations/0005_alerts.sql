DROP INDEX "alerts_portal_dedupe_idx";--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_portal_dedupe_idx" ON "alerts" USING btree ("portal_id","dedupe_key") WHERE "alerts"."resolved_at" is null;