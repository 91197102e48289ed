-- The append-only tables (suppression_audit, V2; operator_audit, V11): one function refuses UPDATE, DELETE and
-- TRUNCATE for every one of them, and each table's two triggers call it. The one source of that function (house
-- style: functions live in repeatable migrations); V2's own suppression_audit_is_append_only is replaced by it here.
-- Flyway applies this after every versioned migration of a run. A table that does not exist yet (a migration run
-- stopped at an earlier target) is passed over; a later append-only table is added to the list below, which changes
-- this file and so applies it again.

create or replace function refuse_rewrite()
    returns trigger
    language plpgsql
as
$$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;

do
$$
declare
    append_only text;
begin
    foreach append_only in array array['suppression_audit', 'operator_audit']
        loop
            if to_regclass(append_only) is not null then
                execute format('drop trigger if exists %I on %I', append_only || '_append_only', append_only);
                execute format('create trigger %I before update or delete on %I'
                                   || ' for each row execute function refuse_rewrite()',
                               append_only || '_append_only', append_only);
                execute format('drop trigger if exists %I on %I', append_only || '_never_truncated', append_only);
                execute format('create trigger %I before truncate on %I'
                                   || ' for each statement execute function refuse_rewrite()',
                               append_only || '_never_truncated', append_only);
            end if;
        end loop;
end;
$$;

drop function if exists suppression_audit_is_append_only();
