package hub.gateway.domain.suppression;

import hub.gateway.domain.message.MessagePurpose;

import java.util.Arrays;
import java.util.Locale;

/** Why a recipient is suppressed for an instance. */
public enum SuppressionReason {
    /** The recipient answered an opt-out keyword: only login codes they ask for still reach them. */
    RECIPIENT_REQUESTED_STOP,
    /** The client or an operator blocked the recipient: nothing reaches them. */
    BLOCKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressionReason fromWireName(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown suppression reason " + value));
    }

    /** A recipient's own stop still lets authentication codes through; a block stops everything. */
    public boolean blocks(MessagePurpose purpose) {
        return this == BLOCKED || purpose != MessagePurpose.AUTHENTICATION;
    }
}
