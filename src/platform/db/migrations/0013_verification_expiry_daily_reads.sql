CREATE TABLE "account_daily_reads" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "account_daily_reads_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "verified_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_daily_reads" ADD CONSTRAINT "account_daily_reads_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;