CREATE TABLE "pay_appid_bindings" (
	"merchant_id" uuid NOT NULL,
	"appid" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pay_appid_bindings_merchant_id_appid_pk" PRIMARY KEY("merchant_id","appid")
);
--> statement-breakpoint
CREATE TABLE "pay_merchants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mchid" text NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"entity_type" text NOT NULL,
	"bank_account_type" text NOT NULL,
	"industry" text NOT NULL,
	"fee_rate_bp" integer NOT NULL,
	"status" text NOT NULL,
	"reject_reason" text,
	"api_v3_key" text,
	"api_v2_key" text,
	"merchant_serial" text NOT NULL,
	"merchant_public_key" text NOT NULL,
	"platform_key_id" text NOT NULL,
	"platform_private_key" text NOT NULL,
	"platform_cert_serial" text NOT NULL,
	"platform_cert_pem" text NOT NULL,
	"platform_cert_from" timestamp with time zone NOT NULL,
	"platform_cert_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pay_nonces" (
	"merchant_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pay_nonces_merchant_id_nonce_pk" PRIMARY KEY("merchant_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "pay_notification_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"notification_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"http_status" integer,
	"error" text,
	"response" text,
	"latency_ms" bigint NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pay_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"appid" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"trade_type" text NOT NULL,
	"description" text NOT NULL,
	"attach" text,
	"notify_url" text NOT NULL,
	"total" integer NOT NULL,
	"currency" text NOT NULL,
	"payer_openid" text,
	"request" jsonb NOT NULL,
	"time_expire" timestamp with time zone NOT NULL,
	"prepay_id" text NOT NULL,
	"prepay_expires_at" timestamp with time zone NOT NULL,
	"code_url_token" text,
	"trade_state" text NOT NULL,
	"transaction_id" text,
	"success_time" timestamp with time zone,
	"payer_user_id" uuid,
	"refunded" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"refund_id" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"reason" text,
	"notify_url" text,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"request" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settles_at" timestamp with time zone NOT NULL,
	"success_time" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pay_appid_bindings" ADD CONSTRAINT "pay_appid_bindings_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_merchants" ADD CONSTRAINT "pay_merchants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_nonces" ADD CONSTRAINT "pay_nonces_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_notification_attempts" ADD CONSTRAINT "pay_notification_attempts_notification_id_pay_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."pay_notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_notifications" ADD CONSTRAINT "pay_notifications_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_orders" ADD CONSTRAINT "pay_orders_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_refunds" ADD CONSTRAINT "pay_refunds_merchant_id_pay_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."pay_merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_refunds" ADD CONSTRAINT "pay_refunds_order_id_pay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."pay_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pay_merchants_mchid_uq" ON "pay_merchants" USING btree ("mchid");--> statement-breakpoint
CREATE INDEX "pay_merchants_account_idx" ON "pay_merchants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "pay_nonces_seen_idx" ON "pay_nonces" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "pay_notification_attempts_idx" ON "pay_notification_attempts" USING btree ("notification_id","attempt_no");--> statement-breakpoint
CREATE INDEX "pay_notifications_due_idx" ON "pay_notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_orders_out_trade_no_uq" ON "pay_orders" USING btree ("merchant_id","out_trade_no");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_orders_transaction_id_uq" ON "pay_orders" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_orders_prepay_id_uq" ON "pay_orders" USING btree ("prepay_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_orders_code_url_uq" ON "pay_orders" USING btree ("code_url_token");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_refunds_out_refund_no_uq" ON "pay_refunds" USING btree ("merchant_id","out_refund_no");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_refunds_refund_id_uq" ON "pay_refunds" USING btree ("refund_id");--> statement-breakpoint
CREATE INDEX "pay_refunds_due_idx" ON "pay_refunds" USING btree ("status","settles_at");