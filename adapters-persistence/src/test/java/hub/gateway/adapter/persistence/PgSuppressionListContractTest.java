package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.SuppressionListContract;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.SuppressionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SuppressionList port's contract against PostgreSQL, and its audit trail's own guard. */
class PgSuppressionListContractTest extends SuppressionListContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new Audited();
    }

    /** PostgreSQL's ports, and the audit trail counted with plain JDBC. */
    private static final class Audited extends PgContractSubject implements Subject {
        Audited() {
            super(database);
        }

        @Override
        public long audited(InstanceId instance, String action) {
            return count("select count(*) from suppression_audit where instance_id = ? and action = ?",
                    instance.value(), action);
        }

        @Override
        public long audited(InstanceId instance, PhoneNumber phone, String action, SuppressionReason reason,
                            SuppressedBy actor, Instant at, String note) {
            return count("""
                    select count(*) from suppression_audit
                     where instance_id = ? and phone = ? and action = ? and reason = ?
                       and actor = ? and at = ? and note = ?
                    """, instance.value(), phone.e164(), action, reason.wireName(), actor.wireName(),
                    at.atOffset(ZoneOffset.UTC), note);
        }
    }

    private static long count(String sql, Object... parameters) {
        try {
            return database.jdbc().count(sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theAuditTrailCannotBeRewritten() {
        database.persistence().suppressions().add(block(at()), "client API", Optional.empty());

        SQLException update = assertThrows(SQLException.class, () -> database.jdbc().update(
                "update suppression_audit set note = 'nothing happened' where instance_id = ?", instance.id().value()));
        SQLException delete = assertThrows(SQLException.class, () -> database.jdbc().update(
                "delete from suppression_audit where instance_id = ?", instance.id().value()));

        SQLException truncate = assertThrows(SQLException.class, () -> database.jdbc().update("truncate suppression_audit"));

        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
    }
}
