package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.OperatorsContract;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OperatorsContract, against PostgreSQL; and the audit table's refusal to be rewritten. */
class PgOperatorsContractTest extends OperatorsContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }

    @Test
    void theAuditLogCannotBeRewritten() throws SQLException {
        database.persistence().operatorAudit().append(new AuditEntry(NOW, "alice", AuditAction.INSTANCE_RESUME,
                "rewrite-me", Optional.of("as it was")));

        SQLException update = assertThrows(SQLException.class, () -> database.jdbc().update(
                "update operator_audit set note = 'nothing happened' where target = 'rewrite-me'"));
        SQLException delete = assertThrows(SQLException.class, () -> database.jdbc().update(
                "delete from operator_audit where target = 'rewrite-me'"));
        SQLException truncate = assertThrows(SQLException.class, () -> database.jdbc().update("truncate operator_audit"));

        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        assertEquals(1, database.jdbc().count(
                "select count(*) from operator_audit where target = 'rewrite-me' and note = 'as it was'"));
    }

    @Test
    void retentionKeepsTheAuditLog() throws SQLException {
        database.persistence().operatorAudit().append(AuditEntry.of(Operator.ADMIN, AuditAction.ACCOUNT_CREATE,
                "kept-for-good", NOW.minusSeconds(86_400L * 4_000)));

        while (database.persistence().expiredRecords().removeConsoleSessionsIdleBefore(NOW, 1_000) > 0) {
            // nothing of the audit log's is a session
        }

        assertEquals(1, database.jdbc().count("select count(*) from operator_audit where target = 'kept-for-good'"));
    }
}
