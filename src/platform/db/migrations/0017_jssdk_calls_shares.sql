CREATE TABLE "jssdk_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"api" text NOT NULL,
	"result" text NOT NULL,
	"err_msg" text NOT NULL,
	"page" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jssdk_shares" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid,
	"user_id" uuid NOT NULL,
	"scene" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"link" text NOT NULL,
	"img_url" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jssdk_calls" ADD CONSTRAINT "jssdk_calls_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jssdk_calls" ADD CONSTRAINT "jssdk_calls_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jssdk_shares" ADD CONSTRAINT "jssdk_shares_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jssdk_shares" ADD CONSTRAINT "jssdk_shares_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jssdk_calls_account_idx" ON "jssdk_calls" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "jssdk_shares_user_idx" ON "jssdk_shares" USING btree ("user_id","scene","id");--> statement-breakpoint
CREATE INDEX "jssdk_shares_account_idx" ON "jssdk_shares" USING btree ("account_id","link");