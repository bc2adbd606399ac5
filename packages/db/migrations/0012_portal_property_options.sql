CREATE TABLE "portal_property_options" (
	"portal_id" uuid NOT NULL,
	"property" text NOT NULL,
	"value" text NOT NULL,
	"label" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_property_options_portal_id_property_value_pk" PRIMARY KEY("portal_id","property","value")
);
--> statement-breakpoint
ALTER TABLE "portal_property_options" ADD CONSTRAINT "portal_property_options_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;