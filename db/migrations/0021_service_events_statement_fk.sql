ALTER TABLE "service_events" DROP CONSTRAINT "service_events_partner_id_partners_id_fk";
--> statement-breakpoint
-- The row-level foreign key checked each of a batch's 5,000 events on its own (an SPI query per
-- row, as long as the insert itself). The same rule, once per statement over the inserted rows:
CREATE OR REPLACE FUNCTION service_events_check_partner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM inserted_events e WHERE NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = e.partner_id)
  ) THEN
    RAISE EXCEPTION 'service_events.partner_id names no partner'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'service_events_partner_id_partners_id_fk';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_events_partner_exists AFTER INSERT ON service_events
  REFERENCING NEW TABLE AS inserted_events FOR EACH STATEMENT EXECUTE FUNCTION service_events_check_partner();
--> statement-breakpoint
-- What the foreign key also did: a partner with events cannot be deleted (partners never are;
-- they end as terminated and stay readable as an archive).
CREATE OR REPLACE FUNCTION partners_refuse_delete_with_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM service_events WHERE partner_id = OLD.id) THEN
    RAISE EXCEPTION 'partner % has service events and cannot be deleted', OLD.id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'service_events_partner_id_partners_id_fk';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partners_keep_event_owners BEFORE DELETE ON partners
  FOR EACH ROW EXECUTE FUNCTION partners_refuse_delete_with_events();
