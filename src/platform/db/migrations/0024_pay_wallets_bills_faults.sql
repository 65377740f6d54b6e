CREATE TABLE "pay_bills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"method" text NOT NULL,
	"order_id" uuid,
	"refund_id" uuid,
	"merchant_name" text,
	"description" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"bank" text NOT NULL,
	"kind" text NOT NULL,
	"last4" text NOT NULL,
	"bank_type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_faults" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid,
	"user_id" uuid,
	"kind" text NOT NULL,
	"code" text,
	"remaining" integer NOT NULL,
	"delay_seconds" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_wallets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"pin_hash" text,
	"pin_failures" integer DEFAULT 0 NOT NULL,
	"pin_locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pay_orders" ADD COLUMN "bank_type" text;--> statement-breakpoint
ALTER TABLE "pay_orders" ADD COLUMN "pay_method" text;--> statement-breakpoint
ALTER TABLE "pay_bills" ADD CONSTRAINT "pay_bills_order_id_pay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."pay_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_bills" ADD CONSTRAINT "pay_bills_refund_id_pay_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."pay_refunds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_faults" ADD CONSTRAINT "pay_faults_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pay_bills_user_idx" ON "pay_bills" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_bills_refund_uq" ON "pay_bills" USING btree ("refund_id");--> statement-breakpoint
CREATE INDEX "pay_cards_user_idx" ON "pay_cards" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pay_faults_merchant_idx" ON "pay_faults" USING btree ("merchant_id","kind");