CREATE SEQUENCE "public"."msg_data_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 2247483649 CACHE 1;--> statement-breakpoint
CREATE TABLE "ad_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"ad_id" text NOT NULL,
	"kind" text NOT NULL,
	"revenue_fen" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"content" text NOT NULL,
	"elected" boolean DEFAULT false NOT NULL,
	"reply_content" text,
	"reply_at" timestamp with time zone,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_reactions" (
	"article_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_reactions_article_id_user_id_kind_pk" PRIMARY KEY("article_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "article_shares" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"user_id" uuid,
	"target" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"article_type" text DEFAULT 'news' NOT NULL,
	"title" text NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"digest" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"content_source_url" text DEFAULT '' NOT NULL,
	"thumb_media_id" text DEFAULT '' NOT NULL,
	"show_cover_pic" integer DEFAULT 0 NOT NULL,
	"need_open_comment" integer DEFAULT 0 NOT NULL,
	"only_fans_can_comment" integer DEFAULT 0 NOT NULL,
	"pic_crop_235_1" text DEFAULT '' NOT NULL,
	"pic_crop_1_1" text DEFAULT '' NOT NULL,
	"image_info" jsonb,
	"original" boolean DEFAULT false NOT NULL,
	"can_reprint" boolean DEFAULT true NOT NULL,
	"reprint_of" text,
	"donations_enabled" boolean DEFAULT false NOT NULL,
	"ads_enabled" boolean DEFAULT false NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"read_count" integer DEFAULT 0 NOT NULL,
	"like_count" integer DEFAULT 0 NOT NULL,
	"wow_count" integer DEFAULT 0 NOT NULL,
	"share_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broadcast_batches" (
	"broadcast_id" bigint NOT NULL,
	"batch_no" integer NOT NULL,
	"after_openid" text NOT NULL,
	"last_openid" text NOT NULL,
	"considered" integer NOT NULL,
	"filtered" integer DEFAULT 0 NOT NULL,
	"delivered" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "broadcast_batches_broadcast_id_batch_no_pk" PRIMARY KEY("broadcast_id","batch_no")
);
--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"broadcast_id" bigint NOT NULL,
	"openid" text NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "broadcast_recipients_broadcast_id_openid_pk" PRIMARY KEY("broadcast_id","openid")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text DEFAULT 'mass' NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"operator_id" uuid,
	"msgtype" text NOT NULL,
	"payload" jsonb NOT NULL,
	"group_id" text,
	"msg_data_id" bigint,
	"audience" jsonb NOT NULL,
	"send_ignore_reprint" integer DEFAULT 0 NOT NULL,
	"clientmsgid" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"result_status" text,
	"placement" text NOT NULL,
	"notify" boolean DEFAULT false NOT NULL,
	"counts_to_quota" boolean DEFAULT true NOT NULL,
	"china_day" text NOT NULL,
	"china_month" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"total_count" integer DEFAULT 0 NOT NULL,
	"filter_count" integer DEFAULT 0 NOT NULL,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"copyright" jsonb,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"accepted_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "donations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"amount_fen" integer NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'paid' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_violations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"category" text NOT NULL,
	"term" text NOT NULL,
	"passage" text NOT NULL,
	"action" text NOT NULL,
	"group_id" text,
	"article_idx" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"article_id" text,
	"msg_data_id" bigint,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publish_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"group_id" text NOT NULL,
	"status" integer DEFAULT 1 NOT NULL,
	"article_id" text,
	"msg_data_id" bigint NOT NULL,
	"fail_idx" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "origin" text DEFAULT 'temporary' NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "introduction" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ad_events" ADD CONSTRAINT "ad_events_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_events" ADD CONSTRAINT "ad_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_comments" ADD CONSTRAINT "article_comments_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_comments" ADD CONSTRAINT "article_comments_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_reactions" ADD CONSTRAINT "article_reactions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_reactions" ADD CONSTRAINT "article_reactions_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_shares" ADD CONSTRAINT "article_shares_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_shares" ADD CONSTRAINT "article_shares_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_group_id_news_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."news_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_batches" ADD CONSTRAINT "broadcast_batches_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_group_id_news_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."news_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_user_id_follower_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."follower_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_violations" ADD CONSTRAINT "moderation_violations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_groups" ADD CONSTRAINT "news_groups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_jobs" ADD CONSTRAINT "publish_jobs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_jobs" ADD CONSTRAINT "publish_jobs_group_id_news_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."news_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ad_events_account_idx" ON "ad_events" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "ad_events_article_idx" ON "ad_events" USING btree ("article_id","kind");--> statement-breakpoint
CREATE INDEX "article_comments_article_idx" ON "article_comments" USING btree ("article_id","id");--> statement-breakpoint
CREATE INDEX "article_shares_article_idx" ON "article_shares" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_group_idx_uq" ON "articles" USING btree ("group_id","idx");--> statement-breakpoint
CREATE INDEX "articles_account_published_idx" ON "articles" USING btree ("account_id","published_at");--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "articles" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "broadcasts_account_idx" ON "broadcasts" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "broadcasts_account_month_idx" ON "broadcasts" USING btree ("account_id","china_month");--> statement-breakpoint
CREATE INDEX "broadcasts_runnable_idx" ON "broadcasts" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "broadcasts_clientmsgid_uq" ON "broadcasts" USING btree ("account_id","clientmsgid") WHERE clientmsgid IS NOT NULL;--> statement-breakpoint
CREATE INDEX "broadcasts_msg_data_id_idx" ON "broadcasts" USING btree ("msg_data_id");--> statement-breakpoint
CREATE INDEX "donations_account_idx" ON "donations" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "donations_article_idx" ON "donations" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "moderation_violations_account_idx" ON "moderation_violations" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "news_groups_account_idx" ON "news_groups" USING btree ("account_id","origin","state","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "news_groups_article_id_uq" ON "news_groups" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "publish_jobs_account_idx" ON "publish_jobs" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "publish_jobs_pending_idx" ON "publish_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "media_account_origin_idx" ON "media" USING btree ("account_id","origin","kind","created_at");--> statement-breakpoint
UPDATE "media" SET "origin" = 'user' WHERE "user_id" IS NOT NULL;
