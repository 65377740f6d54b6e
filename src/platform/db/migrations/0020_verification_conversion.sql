CREATE TABLE "account_conversions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"operator_id" uuid,
	"from_type" text NOT NULL,
	"to_type" text NOT NULL,
	"converted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"operator_id" uuid,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_name" text NOT NULL,
	"chinese_registration" boolean DEFAULT false NOT NULL,
	"requested_name" text,
	"fee_fen" integer NOT NULL,
	"invoice_no" text,
	"paid_at" timestamp with time zone,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"fail_reason" text,
	"naming_fail_reason" text,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "verification_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"width" integer,
	"height" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_reminders" (
	"account_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"offset" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_conversions" ADD CONSTRAINT "account_conversions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_conversions" ADD CONSTRAINT "account_conversions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_applications" ADD CONSTRAINT "verification_applications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_applications" ADD CONSTRAINT "verification_applications_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_applications" ADD CONSTRAINT "verification_applications_decided_by_operators_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_documents" ADD CONSTRAINT "verification_documents_application_id_verification_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."verification_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_reminders" ADD CONSTRAINT "verification_reminders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_conversions_account_uq" ON "account_conversions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "verification_applications_account_idx" ON "verification_applications" USING btree ("account_id","submitted_at");--> statement-breakpoint
CREATE INDEX "verification_applications_queue_idx" ON "verification_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_applications_invoice_uq" ON "verification_applications" USING btree ("invoice_no");--> statement-breakpoint
CREATE INDEX "verification_documents_app_idx" ON "verification_documents" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_reminders_uq" ON "verification_reminders" USING btree ("account_id","expires_at","offset");