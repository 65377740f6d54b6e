CREATE TABLE "menu_clicks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"menuid" text NOT NULL,
	"position" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "menu_clicks" ADD CONSTRAINT "menu_clicks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "menu_clicks_account_idx" ON "menu_clicks" USING btree ("account_id","created_at");