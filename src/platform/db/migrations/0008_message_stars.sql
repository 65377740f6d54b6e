CREATE TABLE "message_stars" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"starred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_stars" ADD CONSTRAINT "message_stars_message_id_conversation_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."conversation_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_stars" ADD CONSTRAINT "message_stars_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_stars_account_idx" ON "message_stars" USING btree ("account_id","message_id");--> statement-breakpoint
CREATE INDEX "conversation_messages_inbound_idx" ON "conversation_messages" USING btree ("account_id","id") WHERE "conversation_messages"."direction" = 'in';