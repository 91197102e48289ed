package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One send asking {@link SendGate#reserve}: who sends what to whom, and the rules it is held to, in the order the
 * gate checks them.
 *
 * @param send             who sends to whom, for which purpose, under which Idempotency-Key
 * @param suppressedBy     the suppression reasons that refuse this send (from
 *                         {@link SuppressionReason#blocks}): checked first, before any lock
 * @param needsOpenWindow  true when the send may go only inside the recipient's customer-service window (contract
 *                         §13: a free-form message on a transport that enforces it, {@link Transport#enforcesCustomerServiceWindow});
 *                         checked right after suppression, still before any lock, against what
 *                         {@link SendGate#recipientWrote} recorded. False: no window is looked at
 * @param duplicateContent the duplicate-content rule, checked under the instance's lock before the limits; empty
 *                         only when step 9 is switched off (the benchmark baseline): then no fingerprint is probed
 *                         or stored
 * @param limits           the instance's limits of the minute, the day and the month
 * @param windows          the current minute, day and month in the instance's time zone, and the send's moment
 * @param assessment       the send's risk assessment, stored with a reserved send when it scored above 0
 */
public record SendReservation(Send send, Set<SuppressionReason> suppressedBy, boolean needsOpenWindow,
                              Optional<DuplicateContentRule> duplicateContent, Limits limits, UsageWindows windows,
                              RiskAssessment assessment) {
    public SendReservation {
        Objects.requireNonNull(send);
        suppressedBy = Set.copyOf(suppressedBy);
        Objects.requireNonNull(duplicateContent);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(windows);
        Objects.requireNonNull(assessment);
    }

    /**
     * @param idempotencyKey the request's claimed {@code Idempotency-Key} of the same account, if any: a reserved
     *                       send's log row is linked to that claim in the same step, so that a retry after a crash
     *                       never sends again
     */
    public record Send(AccountId account, InstanceId instance, PhoneNumber recipient, MessagePurpose purpose,
                       Optional<String> idempotencyKey) {
        public Send {
            Objects.requireNonNull(account);
            Objects.requireNonNull(instance);
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(purpose);
            Objects.requireNonNull(idempotencyKey);
        }
    }

    /**
     * Refused when the fingerprint went to {@code maxOtherRecipients} or more other recipients of the instance
     * within {@code window}. The refusal is a policy violation recorded with {@code violation} — its evidence's
     * {@link hub.gateway.domain.risk.DuplicateContentRule#RECIPIENTS} replaced by the count — and the answer counts the
     * instance's violations within {@code violationsWindow}, this one included.
     */
    public record DuplicateContentRule(ContentFingerprint fingerprint, int maxOtherRecipients, Duration window,
                                       RiskAssessment violation, Duration violationsWindow) {
        public DuplicateContentRule {
            Objects.requireNonNull(fingerprint);
            Objects.requireNonNull(window);
            Objects.requireNonNull(violation);
            Objects.requireNonNull(violationsWindow);
        }
    }
}
