package hub.gateway.domain.operator;

import java.util.Arrays;
import java.util.Optional;

/** What an operator did, as the audit log names it: short words that never change once written. */
public enum AuditAction {
    ACCOUNT_CREATE("account.create"),
    API_KEY_ISSUE("api_key.issue"),
    API_KEY_REVOKE("api_key.revoke"),
    INSTANCE_CREATE("instance.create"),
    INSTANCE_UPDATE("instance.update"),
    INSTANCE_PAUSE("instance.pause"),
    INSTANCE_RESUME("instance.resume"),
    SUPPRESSION_BLOCK("suppression.block"),
    SUPPRESSION_LIFT("suppression.lift"),
    WEBHOOK_REPLAY("webhook.replay"),
    OPERATOR_CREATE("operator.create"),
    OPERATOR_REVOKE("operator.revoke"),
    TEMPLATE_REGISTER("template.register"),
    TEMPLATE_DELETE("template.delete"),
    TEMPLATE_SYNC("template.sync");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuditAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(action -> action.wireName.equals(name)).findFirst();
    }
}
