CREATE TABLE "private_templates" (
	"template_id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"library_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"industry_id" integer NOT NULL,
	"keywords" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_blocks" (
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "template_blocks_account_id_user_id_pk" PRIMARY KEY("account_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "template_industries" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"industry_id1" integer NOT NULL,
	"industry_id2" integer NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_messages" (
	"msgid" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "template_messages_msgid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 2097683633284153344 CACHE 1),
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"template_id" text NOT NULL,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"url" text,
	"miniprogram" jsonb,
	"client_msg_id" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "private_templates" ADD CONSTRAINT "private_templates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_blocks" ADD CONSTRAINT "template_blocks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_blocks" ADD CONSTRAINT "template_blocks_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_industries" ADD CONSTRAINT "template_industries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_messages" ADD CONSTRAINT "template_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "private_templates_account_idx" ON "private_templates" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "template_messages_account_idx" ON "template_messages" USING btree ("account_id","msgid");--> statement-breakpoint
CREATE INDEX "template_messages_client_msg_idx" ON "template_messages" USING btree ("account_id","openid","client_msg_id","created_at") WHERE "template_messages"."client_msg_id" is not null;