-- A follower's message in the common case in one call: the subscribed follow, the window and
-- customer-service session locks (in the order the application takes them), no open
-- customer-service session, the conversation row, a new 48-hour window (windows closed for
-- more than a day removed) and the push in the callback outbox, whose XML is the head, the
-- follower's openid and the tail. Returns no row when the follower does not follow or has an
-- open session; the application then takes its careful path, which handles every case.
-- The _many variants run a batch of calls in one statement (one transaction): items go in
-- account, follower order, so two batches running at once take their locks in the same order.
CREATE OR REPLACE FUNCTION herald_user_message(
  p_account uuid, p_user uuid, p_type text, p_content jsonb, p_placement text, p_notify boolean, p_at timestamptz,
  p_msg_id text, p_window_expires timestamptz, p_window_limit integer, p_label text, p_xml_head text, p_xml_tail text
) RETURNS TABLE (o_message jsonb, o_delivery bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_openid text;
  v_row conversation_messages;
  v_delivery bigint;
BEGIN
  SELECT f.openid INTO v_openid FROM follows f WHERE f.account_id = p_account AND f.user_id = p_user AND f.subscribed;
  IF v_openid IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('service-window:' || p_account::text || ':' || v_openid, 0));
  PERFORM pg_advisory_xact_lock(hashtextextended('kf-session:' || p_account::text || ':' || v_openid, 0));
  IF EXISTS (SELECT 1 FROM kf_sessions k WHERE k.account_id = p_account AND k.openid = v_openid AND k.status <> 'closed') THEN RETURN; END IF;
  INSERT INTO conversation_messages (account_id, user_id, openid, direction, source, msg_type, content, msg_id, placement, notify, created_at)
  VALUES (p_account, p_user, v_openid, 'in', 'user', p_type, p_content, p_msg_id, p_placement, p_notify, p_at)
  RETURNING * INTO v_row;
  DELETE FROM service_windows w WHERE w.account_id = p_account AND w.openid = v_openid AND w.expires_at < p_at - interval '1 day';
  INSERT INTO service_windows (account_id, openid, "trigger", opened_at, expires_at, "limit", used)
  VALUES (p_account, v_openid, 'message', p_at, p_window_expires, p_window_limit, 0);
  INSERT INTO deliveries (account_id, kind, label, msg_id, openid, payload_xml, status, next_attempt_at, created_at)
  VALUES (p_account, 'message', p_label, p_msg_id, v_openid, p_xml_head || v_openid || p_xml_tail, 'pending', p_at, p_at)
  RETURNING id INTO v_delivery;
  RETURN QUERY SELECT to_jsonb(v_row), v_delivery;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herald_user_message_many(p_items jsonb)
RETURNS TABLE (o_idx integer, o_message jsonb, o_delivery bigint) LANGUAGE plpgsql AS $$
DECLARE
  s record;
  r record;
BEGIN
  FOR s IN SELECT * FROM jsonb_to_recordset(p_items) AS x(idx integer, account uuid, user_id uuid, msg_type text, content jsonb, placement text,
             notify boolean, at timestamptz, msg_id text, window_expires timestamptz, window_limit integer, label text, xml_head text, xml_tail text)
           ORDER BY x.account, x.user_id, x.idx LOOP
    FOR r IN SELECT * FROM herald_user_message(s.account, s.user_id, s.msg_type, s.content, s.placement, s.notify, s.at, s.msg_id,
                                               s.window_expires, s.window_limit, s.label, s.xml_head, s.xml_tail) LOOP
      o_idx := s.idx;
      o_message := r.o_message;
      o_delivery := r.o_delivery;
      RETURN NEXT;
    END LOOP;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION herald_custom_send_many(p_items jsonb)
RETURNS TABLE (o_idx integer, o_message jsonb) LANGUAGE plpgsql AS $$
DECLARE
  s record;
  r record;
BEGIN
  FOR s IN SELECT * FROM jsonb_to_recordset(p_items) AS x(idx integer, account uuid, openid text, msg_type text, content jsonb, placement text,
             notify boolean, at timestamptz)
           ORDER BY x.account, x.openid, x.idx LOOP
    FOR r IN SELECT * FROM herald_custom_send(s.account, s.openid, s.msg_type, s.content, s.placement, s.notify, s.at) LOOP
      o_idx := s.idx;
      o_message := to_jsonb(r);
      RETURN NEXT;
    END LOOP;
  END LOOP;
END $$;
