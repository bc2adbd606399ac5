CREATE TYPE "public"."status_contact_outcome" AS ENUM('pending', 'changed', 'skipped', 'failed');--> statement-breakpoint
CREATE TYPE "public"."status_request_state" AS ENUM('pending_approval', 'queued', 'running', 'succeeded', 'partially_failed', 'failed', 'rejected', 'expired');--> statement-breakpoint
CREATE TYPE "public"."status_target" AS ENUM('marketing', 'non_marketing');--> statement-breakpoint
CREATE TABLE "agency_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"approval_size_threshold" integer,
	"approval_cost_threshold_minor" integer,
	"approval_ttl_hours" integer DEFAULT 72 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_request_contacts" (
	"request_id" uuid NOT NULL,
	"hubspot_id" text NOT NULL,
	"email" text,
	"was_marketable" boolean NOT NULL,
	"was_pending_demotion" boolean NOT NULL,
	"outcome" "status_contact_outcome" DEFAULT 'pending' NOT NULL,
	"error" text,
	CONSTRAINT "status_request_contacts_request_id_hubspot_id_pk" PRIMARY KEY("request_id","hubspot_id")
);
--> statement-breakpoint
CREATE TABLE "status_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"actor_email" text,
	"detail" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"portal_id" uuid NOT NULL,
	"target" "status_target" NOT NULL,
	"reason" text NOT NULL,
	"state" "status_request_state" NOT NULL,
	"selection" jsonb NOT NULL,
	"change_count" integer NOT NULL,
	"preview" jsonb NOT NULL,
	"preview_at" timestamp with time zone NOT NULL,
	"approval_reasons" jsonb NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_email" text NOT NULL,
	"approval_expires_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_email" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"import_name" text,
	"import_started_at" timestamp with time zone,
	"import_id" text,
	"import_state" text,
	"processed" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agency_settings" ADD CONSTRAINT "agency_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_request_contacts" ADD CONSTRAINT "status_request_contacts_request_id_status_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."status_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_request_events" ADD CONSTRAINT "status_request_events_request_id_status_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."status_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_request_events_request_idx" ON "status_request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "status_requests_portal_idx" ON "status_requests" USING btree ("portal_id","created_at");--> statement-breakpoint
CREATE INDEX "status_requests_agency_state_idx" ON "status_requests" USING btree ("agency_id","state");