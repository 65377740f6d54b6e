CREATE TABLE "mass_send_protection" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"admin_user_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "confirmation" text;--> statement-breakpoint
ALTER TABLE "mass_send_protection" ADD CONSTRAINT "mass_send_protection_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_send_protection" ADD CONSTRAINT "mass_send_protection_admin_user_id_follower_users_id_fk" FOREIGN KEY ("admin_user_id") REFERENCES "public"."follower_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_send_protection" ADD CONSTRAINT "mass_send_protection_updated_by_operators_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcasts_awaiting_idx" ON "broadcasts" USING btree ("confirm_by") WHERE status = 'awaiting_confirmation';