CREATE TABLE "subscribe_consents" (
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"template_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"long_term" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscribe_consents_account_id_openid_template_id_pk" PRIMARY KEY("account_id","openid","template_id")
);
--> statement-breakpoint
CREATE TABLE "subscribe_messages" (
	"msgid" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subscribe_messages_msgid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1700827132819554304 CACHE 1),
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"user_id" uuid NOT NULL,
	"template_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"page" text,
	"miniprogram" jsonb,
	"place" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscribe_templates" (
	"pri_tmpl_id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"tid" integer NOT NULL,
	"title" text NOT NULL,
	"type" integer NOT NULL,
	"category_id" integer NOT NULL,
	"keywords" jsonb NOT NULL,
	"scene_desc" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscribe_consents" ADD CONSTRAINT "subscribe_consents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_consents" ADD CONSTRAINT "subscribe_consents_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_messages" ADD CONSTRAINT "subscribe_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_messages" ADD CONSTRAINT "subscribe_messages_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_templates" ADD CONSTRAINT "subscribe_templates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscribe_consents_user_idx" ON "subscribe_consents" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscribe_messages_account_idx" ON "subscribe_messages" USING btree ("account_id","template_id");--> statement-breakpoint
CREATE INDEX "subscribe_messages_user_idx" ON "subscribe_messages" USING btree ("user_id","msgid");--> statement-breakpoint
CREATE INDEX "subscribe_templates_account_idx" ON "subscribe_templates" USING btree ("account_id","created_at");