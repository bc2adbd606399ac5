CREATE TYPE "public"."connection_kind" AS ENUM('oauth', 'static');--> statement-breakpoint
CREATE TYPE "public"."sync_kind" AS ENUM('full', 'incremental');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."app_kind" AS ENUM('creates_contacts', 'never_creates_contacts');--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"portal_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_connections" (
	"portal_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" "connection_kind" NOT NULL,
	"hub_id" text NOT NULL,
	"app_id" text,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text,
	"access_token_expires_at" timestamp with time zone,
	"key_version" integer NOT NULL,
	"connected_by" uuid,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"portal_id" uuid NOT NULL,
	"hubspot_id" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"marketable" boolean DEFAULT false NOT NULL,
	"marketable_until_renewal" boolean DEFAULT false NOT NULL,
	"marketable_reason_type" text,
	"marketable_reason_id" text,
	"object_source" text,
	"object_source_id" text,
	"object_source_label" text,
	"hard_bounced" boolean DEFAULT false NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL,
	"last_engagement_at" timestamp with time zone,
	"lifecycle_stage" text,
	"archived" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_portal_id_hubspot_id_pk" PRIMARY KEY("portal_id","hubspot_id")
);
--> statement-breakpoint
CREATE TABLE "hubspot_rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at_ms" bigint NOT NULL,
	"daily_count" integer DEFAULT 0 NOT NULL,
	"daily_date" text,
	"blocked_until_ms" bigint
);
--> statement-breakpoint
CREATE TABLE "portal_sync_state" (
	"portal_id" uuid PRIMARY KEY NOT NULL,
	"modified_high_water" timestamp with time zone,
	"last_full_sync_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portal_id" uuid NOT NULL,
	"kind" "sync_kind" NOT NULL,
	"status" "sync_status" DEFAULT 'queued' NOT NULL,
	"checkpoint" jsonb,
	"expected" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"rate_per_second" double precision,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_snapshots" (
	"portal_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marketing" integer NOT NULL,
	"pending_demotion" integer NOT NULL,
	"non_marketing" integer NOT NULL,
	"by_source" jsonb NOT NULL,
	"by_app" jsonb NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_snapshots_portal_id_day_pk" PRIMARY KEY("portal_id","day")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"portal_id" uuid,
	"subscription_type" text NOT NULL,
	"object_id" text,
	"occurred_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_policies" (
	"portal_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"create_marketing" boolean NOT NULL,
	"from_template" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_policies_portal_id_app_id_pk" PRIMARY KEY("portal_id","app_id")
);
--> statement-breakpoint
CREATE TABLE "app_policy_templates" (
	"agency_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"label" text NOT NULL,
	"create_marketing" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_policy_templates_agency_id_app_id_pk" PRIMARY KEY("agency_id","app_id")
);
--> statement-breakpoint
CREATE TABLE "portal_apps" (
	"portal_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"label" text NOT NULL,
	"kind" "app_kind" DEFAULT 'creates_contacts' NOT NULL,
	"contacts" integer DEFAULT 0 NOT NULL,
	"marketing" integer DEFAULT 0 NOT NULL,
	"created_7d" integer DEFAULT 0 NOT NULL,
	"created_30d" integer DEFAULT 0 NOT NULL,
	"recent_created" integer DEFAULT 0 NOT NULL,
	"recent_marketing" integer DEFAULT 0 NOT NULL,
	"last_created_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_apps_portal_id_app_id_pk" PRIMARY KEY("portal_id","app_id")
);
--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_connections" ADD CONSTRAINT "portal_connections_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_connections" ADD CONSTRAINT "portal_connections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_connections" ADD CONSTRAINT "portal_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sync_state" ADD CONSTRAINT "portal_sync_state_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_snapshots" ADD CONSTRAINT "usage_snapshots_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_policies" ADD CONSTRAINT "app_policies_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_policies" ADD CONSTRAINT "app_policies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_policies" ADD CONSTRAINT "app_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_policy_templates" ADD CONSTRAINT "app_policy_templates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_policy_templates" ADD CONSTRAINT "app_policy_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_apps" ADD CONSTRAINT "portal_apps_portal_id_portals_id_fk" FOREIGN KEY ("portal_id") REFERENCES "public"."portals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_states_expiry_idx" ON "oauth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "contacts_portal_source_idx" ON "contacts" USING btree ("portal_id","object_source","object_source_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_portal_marketable_idx" ON "contacts" USING btree ("portal_id","marketable","marketable_until_renewal");--> statement-breakpoint
CREATE INDEX "contacts_portal_created_idx" ON "contacts" USING btree ("portal_id","created_at");--> statement-breakpoint
CREATE INDEX "contacts_portal_email_idx" ON "contacts" USING btree ("portal_id","email");--> statement-breakpoint
CREATE INDEX "sync_runs_portal_idx" ON "sync_runs" USING btree ("portal_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "app_policies_agency_idx" ON "app_policies" USING btree ("agency_id","app_id");