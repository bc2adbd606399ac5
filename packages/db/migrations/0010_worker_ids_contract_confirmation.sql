ALTER TABLE "portals" ADD COLUMN "contract_needs_confirmation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "worker_id" text;--> statement-breakpoint
ALTER TABLE "status_requests" ADD COLUMN "worker_id" text;--> statement-breakpoint
CREATE INDEX "sync_runs_running_idx" ON "sync_runs" USING btree ("heartbeat_at") WHERE "sync_runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "status_requests_running_idx" ON "status_requests" USING btree ("updated_at") WHERE "status_requests"."state" = 'running';