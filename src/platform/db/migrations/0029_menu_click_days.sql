CREATE TABLE "menu_click_days" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"position" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"openid" text NOT NULL,
	"taps" integer NOT NULL,
	CONSTRAINT "menu_click_days_account_id_day_position_name_type_openid_pk" PRIMARY KEY("account_id","day","position","name","type","openid")
);
--> statement-breakpoint
ALTER TABLE "menu_click_days" ADD CONSTRAINT "menu_click_days_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- menu_click_days is kept equal to menu_clicks by the database: a statement trigger for each
-- kind of change adds (inserts) or subtracts (deletes; updates do both) the rows the statement
-- touched, grouped per China day (UTC+8), button and follower, in the statement's transaction.
-- A bulk INSERT … SELECT costs one grouped upsert, not one per row.
CREATE OR REPLACE FUNCTION herald_menu_click_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE menu_click_days d SET taps = d.taps - g.n
    FROM (
      SELECT account_id, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, position, name, type, openid, count(*)::int AS n
      FROM old_taps GROUP BY 1, 2, 3, 4, 5, 6
    ) g
    WHERE d.account_id = g.account_id AND d.day = g.day AND d.position = g.position AND d.name = g.name AND d.type = g.type AND d.openid = g.openid;
    DELETE FROM menu_click_days d
    USING (SELECT DISTINCT account_id, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, openid FROM old_taps) g
    WHERE d.account_id = g.account_id AND d.day = g.day AND d.openid = g.openid AND d.taps <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO menu_click_days (account_id, day, position, name, type, openid, taps)
    SELECT account_id, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date, position, name, type, openid, count(*)::int
    FROM new_taps GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (account_id, day, position, name, type, openid) DO UPDATE SET taps = menu_click_days.taps + excluded.taps;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER menu_click_days_insert AFTER INSERT ON menu_clicks REFERENCING NEW TABLE AS new_taps FOR EACH STATEMENT EXECUTE FUNCTION herald_menu_click_days();
--> statement-breakpoint
CREATE TRIGGER menu_click_days_delete AFTER DELETE ON menu_clicks REFERENCING OLD TABLE AS old_taps FOR EACH STATEMENT EXECUTE FUNCTION herald_menu_click_days();
--> statement-breakpoint
CREATE TRIGGER menu_click_days_update AFTER UPDATE ON menu_clicks REFERENCING OLD TABLE AS old_taps NEW TABLE AS new_taps FOR EACH STATEMENT EXECUTE FUNCTION herald_menu_click_days();
--> statement-breakpoint
-- The taps recorded before this migration.
INSERT INTO menu_click_days (account_id, day, position, name, type, openid, taps)
SELECT account_id, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date, position, name, type, openid, count(*)::int
FROM menu_clicks GROUP BY 1, 2, 3, 4, 5, 6;
