CREATE TABLE "auto_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reply_mode" text DEFAULT 'all' NOT NULL,
	"replies" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blacklist" (
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blacklist_account_id_openid_pk" PRIMARY KEY("account_id","openid")
);
--> statement-breakpoint
CREATE TABLE "conversation_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"direction" text NOT NULL,
	"source" text NOT NULL,
	"msg_type" text NOT NULL,
	"content" jsonb NOT NULL,
	"msg_id" text,
	"kf_account" text,
	"placement" text DEFAULT 'chats' NOT NULL,
	"notify" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_tags" (
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"tag_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_tags_account_id_tag_id_openid_pk" PRIMARY KEY("account_id","tag_id","openid")
);
--> statement-breakpoint
CREATE TABLE "kf_accounts" (
	"account_id" uuid NOT NULL,
	"kf_account" text NOT NULL,
	"kf_id" integer NOT NULL,
	"nickname" text NOT NULL,
	"headimgurl" text DEFAULT '' NOT NULL,
	"operator_id" uuid,
	"invite_wx" text,
	"invite_status" text,
	"invite_expires_at" timestamp with time zone,
	"online" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kf_accounts_account_id_kf_account_pk" PRIMARY KEY("account_id","kf_account")
);
--> statement-breakpoint
CREATE TABLE "kf_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"opercode" integer NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"worker" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kf_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"kf_account" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_user_message_at" timestamp with time zone,
	"last_reply_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "menus" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"menuid" text NOT NULL,
	"buttons" jsonb NOT NULL,
	"matchrule" jsonb,
	"source" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qr_codes" (
	"ticket" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"action_name" text NOT NULL,
	"scene_id" bigint,
	"scene_str" text,
	"url" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_windows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"trigger" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"limit" integer,
	"used" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"account_id" uuid NOT NULL,
	"tag_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tags_account_id_tag_id_pk" PRIMARY KEY("account_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "auto_replies" ADD CONSTRAINT "auto_replies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist" ADD CONSTRAINT "blacklist_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_tags" ADD CONSTRAINT "follow_tags_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kf_accounts" ADD CONSTRAINT "kf_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kf_accounts" ADD CONSTRAINT "kf_accounts_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kf_records" ADD CONSTRAINT "kf_records_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kf_sessions" ADD CONSTRAINT "kf_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menus" ADD CONSTRAINT "menus_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_codes" ADD CONSTRAINT "qr_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_windows" ADD CONSTRAINT "service_windows_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_replies_account_idx" ON "auto_replies" USING btree ("account_id","kind");--> statement-breakpoint
CREATE INDEX "conversation_messages_user_idx" ON "conversation_messages" USING btree ("user_id","account_id","id");--> statement-breakpoint
CREATE INDEX "conversation_messages_account_idx" ON "conversation_messages" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "conversation_messages_openid_idx" ON "conversation_messages" USING btree ("openid","id");--> statement-breakpoint
CREATE INDEX "follow_tags_openid_idx" ON "follow_tags" USING btree ("openid");--> statement-breakpoint
CREATE UNIQUE INDEX "kf_accounts_kfid_uq" ON "kf_accounts" USING btree ("account_id","kf_id");--> statement-breakpoint
CREATE INDEX "kf_records_account_time_idx" ON "kf_records" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "kf_sessions_account_status_idx" ON "kf_sessions" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "kf_sessions_open_uq" ON "kf_sessions" USING btree ("account_id","openid") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "menus_account_idx" ON "menus" USING btree ("account_id","kind","id");--> statement-breakpoint
CREATE UNIQUE INDEX "menus_default_uq" ON "menus" USING btree ("account_id") WHERE kind = 'default';--> statement-breakpoint
CREATE UNIQUE INDEX "menus_menuid_uq" ON "menus" USING btree ("account_id","menuid");--> statement-breakpoint
CREATE INDEX "qr_codes_account_idx" ON "qr_codes" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qr_codes_url_uq" ON "qr_codes" USING btree ("url");--> statement-breakpoint
CREATE INDEX "service_windows_open_idx" ON "service_windows" USING btree ("account_id","openid","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_uq" ON "tags" USING btree ("account_id","name");