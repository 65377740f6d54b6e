CREATE TABLE "enforcement_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_ref" text NOT NULL,
	"category" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"violation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "enforcement_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"content_ref" jsonb NOT NULL,
	"strike" integer NOT NULL,
	"penalty" text NOT NULL,
	"restrictions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"appeal_deadline" timestamp with time zone NOT NULL,
	"appeal_state" text DEFAULT 'none' NOT NULL,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appeal_decided_at" timestamp with time zone,
	"appeal_note" text
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "restrictions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_reports" ADD CONSTRAINT "enforcement_reports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_reports" ADD CONSTRAINT "enforcement_reports_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_reports" ADD CONSTRAINT "enforcement_reports_violation_id_enforcement_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."enforcement_violations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_violations" ADD CONSTRAINT "enforcement_violations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_reports_target_uq" ON "enforcement_reports" USING btree ("user_id","account_id","target_kind","target_ref");--> statement-breakpoint
CREATE INDEX "enforcement_reports_account_idx" ON "enforcement_reports" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_violations_source_uq" ON "enforcement_violations" USING btree ("source","source_ref");--> statement-breakpoint
CREATE INDEX "enforcement_violations_account_idx" ON "enforcement_violations" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "enforcement_violations_appeal_idx" ON "enforcement_violations" USING btree ("appeal_state","appealed_at");