CREATE TABLE "mini_program_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"mini_program_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mini_program_links" (
	"account_id" uuid NOT NULL,
	"mini_program_id" uuid NOT NULL,
	"status" integer NOT NULL,
	"show_profile" boolean DEFAULT false NOT NULL,
	"notify_users" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"linked_at" timestamp with time zone,
	"unlink_requested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mini_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appid" text NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"icon_url" text DEFAULT '' NOT NULL,
	"org_id" uuid NOT NULL,
	"admin_user_id" uuid,
	"released_version" text DEFAULT '' NOT NULL,
	"pages" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mini_program_link_requests" ADD CONSTRAINT "mini_program_link_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mini_program_link_requests" ADD CONSTRAINT "mini_program_link_requests_mini_program_id_mini_programs_id_fk" FOREIGN KEY ("mini_program_id") REFERENCES "public"."mini_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mini_program_links" ADD CONSTRAINT "mini_program_links_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mini_program_links" ADD CONSTRAINT "mini_program_links_mini_program_id_mini_programs_id_fk" FOREIGN KEY ("mini_program_id") REFERENCES "public"."mini_programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mini_programs" ADD CONSTRAINT "mini_programs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mini_programs" ADD CONSTRAINT "mini_programs_admin_user_id_follower_users_id_fk" FOREIGN KEY ("admin_user_id") REFERENCES "public"."follower_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mini_program_link_requests_idx" ON "mini_program_link_requests" USING btree ("account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mini_program_links_uq" ON "mini_program_links" USING btree ("account_id","mini_program_id");--> statement-breakpoint
CREATE INDEX "mini_program_links_mp_idx" ON "mini_program_links" USING btree ("mini_program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mini_programs_appid_uq" ON "mini_programs" USING btree ("appid");--> statement-breakpoint
CREATE UNIQUE INDEX "mini_programs_username_uq" ON "mini_programs" USING btree ("username");--> statement-breakpoint
CREATE INDEX "mini_programs_org_idx" ON "mini_programs" USING btree ("org_id","created_at");