ALTER TABLE "pay_merchants" ADD COLUMN "pay_directories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pay_merchants" ADD COLUMN "default_notify_url" text;