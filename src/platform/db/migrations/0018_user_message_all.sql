-- A batch of followers' messages recorded all together or not at all, in one statement: the
-- items as herald_user_message_many takes them; when the function declines any item (not
-- following, an open customer-service session) the statement fails with SQLSTATE HR001 and
-- nothing of the batch is recorded, so the caller can take its careful path for the whole
-- batch. One statement is its own transaction: no explicit transaction (and, on the embedded
-- database, no connection held between round trips) is needed for the batch to be atomic.
CREATE OR REPLACE FUNCTION herald_user_message_all(p_items jsonb)
RETURNS TABLE (o_idx integer, o_message jsonb, o_delivery bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_total integer := jsonb_array_length(p_items);
  v_done integer := 0;
BEGIN
  FOR o_idx, o_message, o_delivery IN SELECT m.o_idx, m.o_message, m.o_delivery FROM herald_user_message_many(p_items) m LOOP
    v_done := v_done + 1;
    RETURN NEXT;
  END LOOP;
  IF v_done < v_total THEN
    RAISE EXCEPTION 'herald_user_message_all: % of % messages declined', v_total - v_done, v_total USING ERRCODE = 'HR001';
  END IF;
END $$;
