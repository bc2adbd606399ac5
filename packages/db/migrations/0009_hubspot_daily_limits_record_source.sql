ALTER TABLE "portal_connections" ADD COLUMN "daily_limit" integer;--> statement-breakpoint
ALTER TABLE "portal_connections" ADD COLUMN "daily_remaining" integer;--> statement-breakpoint
ALTER TABLE "portal_connections" ADD COLUMN "daily_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "object_source_detail_1" text;--> statement-breakpoint
ALTER TABLE "portal_sync_state" ADD COLUMN "source_details_pending_since" timestamp with time zone;--> statement-breakpoint
-- Hand-written: portals with app-created contacts stored before hs_object_source_detail_1 was read
-- named their apps from hs_object_source_label (a code, not a name). Their next sync is a full one,
-- which re-reads every contact and so backfills the names.
INSERT INTO "portal_sync_state" ("portal_id", "source_details_pending_since")
SELECT "p"."id", now() FROM "portals" "p"
WHERE EXISTS (SELECT 1 FROM "contacts" "c" WHERE "c"."portal_id" = "p"."id" AND "c"."object_source" = 'INTEGRATION')
ON CONFLICT ("portal_id") DO UPDATE SET "source_details_pending_since" = excluded."source_details_pending_since";
