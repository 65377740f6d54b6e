ALTER TABLE "accounts" ADD COLUMN "mainland_visible" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "follower_users" ADD COLUMN "region" text DEFAULT 'CN' NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_applications" ADD COLUMN "appeal_reminded_at" timestamp with time zone;--> statement-breakpoint
-- Accounts already opened for an overseas entity (registered outside mainland China, without a
-- Chinese licence or a local partner) are hidden from mainland China, as new ones are.
UPDATE "accounts" SET "mainland_visible" = false
 WHERE "id" IN (
   SELECT "account_id" FROM "registration_applications"
    WHERE "status" = 'approved' AND "account_id" IS NOT NULL
      AND "jurisdiction" IS NOT NULL AND "jurisdiction" <> 'CN'
      AND NOT "chinese_licence" AND NOT "partner_entity"
 );
