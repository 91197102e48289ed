package hub.gateway.application.port.out;

import hub.gateway.domain.AccountId;
import hub.gateway.domain.ContentFingerprint;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.Limits;
import hub.gateway.domain.MessagePurpose;
import hub.gateway.domain.PhoneNumber;
import hub.gateway.domain.QuotaOutcome;
import hub.gateway.domain.RefusalReason;
import hub.gateway.domain.SuppressionReason;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The per-instance counters of the current minute, day and month.
 *
 * <p>{@link #reserve} is the heart of exact limits: it checks the recipient's suppression, then the speed, daily and monthly limits,
 * counts the send in all three and writes its message-log row, as one atomic step shared by every
 * gateway node, so that with limit L any number of concurrent requests sends exactly L.
 */
public interface QuotaLedger {
    QuotaOutcome reserve(Reservation reservation);

    /** Gives a reserved send's quota back and marks its log row failed for the given reason. */
    void giveBack(long logId, RefusalReason reason, Instant at);

    /**
     * Gives a reserved send's quota back before any delivery attempt (its deadline passed): the log row becomes
     * 'refused' with error {@code service_unavailable}, not 'failed' (nothing failed to deliver: the risk facts'
     * failed-delivery share must not see it), and gets no status history entry. Counters go down only in the
     * windows that are still the current ones. Withdrawing a row that is no longer 'accepted' changes nothing.
     */
    void withdraw(long logId);

    Usage usage(InstanceId instanceId, UsageWindows windows);

    /**
     * @param blockingReasons the suppression reasons that refuse this send (from
     *                        {@link hub.gateway.domain.SuppressionReason#blocks}); a suppression of the
     *                        recipient for one of them answers {@link QuotaOutcome.Suppressed}, checked
     *                        before any limit, in the same statement
     * @param idempotencyKey  the request's claimed {@code Idempotency-Key} of the same account, if any: a reserved
     *                        send's log row is linked to that claim in the same statement
     *                        ({@link IdempotencyKeys}), so that a retry after a crash never sends again
     */
    record Reservation(AccountId accountId, InstanceId instanceId, PhoneNumber phone, MessagePurpose purpose,
                       Limits limits, UsageWindows windows, Set<SuppressionReason> blockingReasons,
                       DuplicateContentCheck duplicateContent, RiskAssessment assessment,
                       Optional<String> idempotencyKey) {
        public Reservation {
            blockingReasons = Set.copyOf(blockingReasons);
            Objects.requireNonNull(idempotencyKey);
        }

        /** A reservation of a request without an Idempotency-Key. */
        public Reservation(AccountId accountId, InstanceId instanceId, PhoneNumber phone, MessagePurpose purpose,
                           Limits limits, UsageWindows windows, Set<SuppressionReason> blockingReasons,
                           DuplicateContentCheck duplicateContent, RiskAssessment assessment) {
            this(accountId, instanceId, phone, purpose, limits, windows, blockingReasons, duplicateContent, assessment,
                    Optional.empty());
        }
    }

    /**
     * The duplicate-content rule, checked after suppression and before the limits, under the same lock,
     * so that it is exact across nodes: refused ({@link QuotaOutcome.DuplicateContent}) when the
     * fingerprint went to {@code maxOtherRecipients} or more other recipients within {@code window}. A
     * reserved send records its fingerprint and recipient; an allowed assessment scoring above 0 is stored
     * with it as a risk event.
     */
    record DuplicateContentCheck(ContentFingerprint fingerprint, int maxOtherRecipients, Duration window) {
    }
}
