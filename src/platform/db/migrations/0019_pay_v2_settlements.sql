CREATE TABLE "pay_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"trade_date" text NOT NULL,
	"payments" integer NOT NULL,
	"payment_count" integer NOT NULL,
	"refunds" integer NOT NULL,
	"refund_count" integer NOT NULL,
	"fee" integer NOT NULL,
	"fee_rate_bp" integer NOT NULL,
	"net" integer NOT NULL,
	"settled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pay_notifications" ADD COLUMN "format" text DEFAULT 'v3' NOT NULL;--> statement-breakpoint
ALTER TABLE "pay_orders" ADD COLUMN "api" text DEFAULT 'v3' NOT NULL;--> statement-breakpoint
ALTER TABLE "pay_refunds" ADD COLUMN "api" text DEFAULT 'v3' NOT NULL;--> statement-breakpoint
ALTER TABLE "pay_settlements" ADD CONSTRAINT "pay_settlements_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pay_settlements_day_uq" ON "pay_settlements" USING btree ("merchant_id","trade_date");--> statement-breakpoint
CREATE INDEX "pay_orders_success_idx" ON "pay_orders" USING btree ("merchant_id","success_time");