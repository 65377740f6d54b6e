CREATE TABLE "account_migrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_account_id" uuid NOT NULL,
	"to_account_id" uuid NOT NULL,
	"applied_by" uuid,
	"move_followers" boolean NOT NULL,
	"move_materials" boolean NOT NULL,
	"fee_fen" integer NOT NULL,
	"fee_status" text NOT NULL,
	"status" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"from_confirmed_at" timestamp with time zone,
	"to_confirmed_at" timestamp with time zone,
	"unfollow_until" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"moved_followers" integer
);
--> statement-breakpoint
CREATE TABLE "migrated_openids" (
	"migration_id" uuid NOT NULL,
	"to_account_id" uuid NOT NULL,
	"from_appid" text NOT NULL,
	"ori_openid" text NOT NULL,
	"new_openid" text NOT NULL,
	CONSTRAINT "migrated_openids_to_account_id_from_appid_ori_openid_pk" PRIMARY KEY("to_account_id","from_appid","ori_openid")
);
--> statement-breakpoint
ALTER TABLE "account_migrations" ADD CONSTRAINT "account_migrations_from_account_id_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_migrations" ADD CONSTRAINT "account_migrations_to_account_id_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_migrations" ADD CONSTRAINT "account_migrations_applied_by_operators_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migrated_openids" ADD CONSTRAINT "migrated_openids_migration_id_account_migrations_id_fk" FOREIGN KEY ("migration_id") REFERENCES "public"."account_migrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migrated_openids" ADD CONSTRAINT "migrated_openids_to_account_id_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_migrations_from_idx" ON "account_migrations" USING btree ("from_account_id","status");--> statement-breakpoint
CREATE INDEX "account_migrations_to_idx" ON "account_migrations" USING btree ("to_account_id","status");