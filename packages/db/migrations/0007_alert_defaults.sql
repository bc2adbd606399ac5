CREATE TABLE "agency_alert_rules" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"thresholds" jsonb NOT NULL,
	"spike_pct" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_alert_rules" ADD CONSTRAINT "agency_alert_rules_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_alert_rules" ADD CONSTRAINT "agency_alert_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_deliveries_agency_recent_idx" ON "alert_deliveries" USING btree ("agency_id","created_at");