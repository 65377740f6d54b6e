CREATE TABLE "subscribe_category_choices" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"category_ids" jsonb NOT NULL,
	"month" text NOT NULL,
	"changes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscribe_category_choices" ADD CONSTRAINT "subscribe_category_choices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;