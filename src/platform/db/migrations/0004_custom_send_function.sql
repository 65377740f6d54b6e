-- message/custom/send's common case in one call: the subscribed follower, one message taken
-- from the open window with room that closes soonest (re-checked under the row lock), and the
-- conversation row. Returns no row when any step does not hold; the application then takes its
-- careful path, which explains the refusal. A PL/pgSQL function keeps its plans between calls,
-- which halves the cost of the send on the embedded database.
CREATE OR REPLACE FUNCTION herald_custom_send(
  p_account uuid, p_openid text, p_type text, p_content jsonb, p_placement text, p_notify boolean, p_at timestamptz
) RETURNS SETOF conversation_messages LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
  v_window bigint;
BEGIN
  SELECT user_id INTO v_user FROM follows WHERE account_id = p_account AND openid = p_openid AND subscribed;
  IF v_user IS NULL THEN RETURN; END IF;
  UPDATE service_windows s SET used = s.used + 1
   WHERE s.id = (SELECT id FROM service_windows
                  WHERE account_id = p_account AND openid = p_openid AND expires_at > p_at
                    AND ("limit" IS NULL OR used < "limit")
                  ORDER BY expires_at, id LIMIT 1)
     AND (s."limit" IS NULL OR s.used < s."limit")
  RETURNING s.id INTO v_window;
  IF v_window IS NULL THEN RETURN; END IF;
  RETURN QUERY
    INSERT INTO conversation_messages (account_id, user_id, openid, direction, source, msg_type, content, placement, notify, created_at)
    VALUES (p_account, v_user, p_openid, 'out', 'custom', p_type, p_content, p_placement, p_notify, p_at)
    RETURNING *;
END $$;
