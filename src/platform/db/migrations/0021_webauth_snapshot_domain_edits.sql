CREATE TABLE "web_domain_edits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_codes" ADD COLUMN "snapshot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD COLUMN "snapshot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "web_domain_edits" ADD CONSTRAINT "web_domain_edits_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_domain_edits_account_idx" ON "web_domain_edits" USING btree ("account_id","kind","at");