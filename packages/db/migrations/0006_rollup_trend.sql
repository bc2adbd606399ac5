CREATE TABLE "portal_usage_trends" (
	"portal_id" uuid PRIMARY KEY NOT NULL,
	"window_days" integer NOT NULL,
	"points" integer NOT NULL,
	"slope_per_day" double precision NOT NULL,
	"residual_std_dev" double precision NOT NULL,
	"slope_std_error" double precision NOT NULL,
	"anchor_day" date NOT NULL,
	"anchor_value" integer NOT NULL,
	"pending_demotion" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portal_usage_trends" ADD CONSTRAINT "portal_usage_trends_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;