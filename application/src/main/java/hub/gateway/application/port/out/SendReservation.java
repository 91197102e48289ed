package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ConditionalSignal;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Duration;
import java.util.List;
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
 * @param conditionalRisk  step 9's signals that count only if a fact the gate holds is true for this send; checked
 *                         after the window, before any lock
 */
public record SendReservation(Send send, Set<SuppressionReason> suppressedBy, boolean needsOpenWindow,
                              Optional<DuplicateContentRule> duplicateContent, Limits limits, UsageWindows windows,
                              RiskAssessment assessment, Optional<ConditionalRisk> conditionalRisk) {
    public SendReservation {
        Objects.requireNonNull(send);
        suppressedBy = Set.copyOf(suppressedBy);
        Objects.requireNonNull(duplicateContent);
        Objects.requireNonNull(conditionalRisk);
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

    /** A reservation whose assessment depends on nothing the gate holds (most sends: their text has no link). */
    public SendReservation(Send send, Set<SuppressionReason> suppressedBy, boolean needsOpenWindow,
                           Optional<DuplicateContentRule> duplicateContent, Limits limits, UsageWindows windows,
                           RiskAssessment assessment) {
        this(send, suppressedBy, needsOpenWindow, duplicateContent, limits, windows, assessment, Optional.empty());
    }

    /**
     * The signals of {@code assessment} that count only if a fact the gate holds is true for this send, in order
     * ({@link hub.gateway.domain.send.GateOutcome.RiskConfirmed#held} numbers them). Those that hold are added to the
     * assessment; when they bring its score to {@code blockScore}, the send is refused as a policy violation, recorded
     * with its risk event, and counted as {@code counted} counts violations. The send path gives the signals only
     * when they could reach the block score (else none). A reserved send records {@code hostsToRecord} as linked now,
     * so that they are known to later sends.
     */
    public record ConditionalRisk(List<ConditionalSignal> signals, int blockScore, RepeatedViolationsRule counted,
                                  Set<String> hostsToRecord) {
        /** Bits of an int number the signals that held. */
        public static final int MOST = 31;

        public ConditionalRisk {
            signals = List.copyOf(signals);
            hostsToRecord = Set.copyOf(hostsToRecord);
            Objects.requireNonNull(counted);
            if (signals.size() > MOST) {
                throw new IllegalArgumentException("at most " + MOST + " conditional signals, not " + signals.size());
            }
        }

        /** The signals a {@code held} mask names. */
        public List<hub.gateway.domain.risk.RiskSignal> held(int mask) {
            List<hub.gateway.domain.risk.RiskSignal> held = new java.util.ArrayList<>();
            for (int i = 0; i < signals.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    held.add(signals.get(i).signal());
                }
            }
            return held;
        }
    }

    /**
     * Refused when the fingerprint went to {@code maxOtherRecipients} or more other recipients of the instance
     * within {@code window}. The refusal is a policy violation recorded with {@code violation} — its evidence's
     * {@link hub.gateway.domain.risk.DuplicateContentRule#RECIPIENTS} replaced by the count — and the answer counts the
     * instance's violations as {@code counted} counts them towards the pause (within its window, scored at least its
     * certain score), this one included.
     */
    public record DuplicateContentRule(ContentFingerprint fingerprint, int maxOtherRecipients, Duration window,
                                       RiskAssessment violation, RepeatedViolationsRule counted) {
        public DuplicateContentRule {
            Objects.requireNonNull(fingerprint);
            Objects.requireNonNull(window);
            Objects.requireNonNull(violation);
            Objects.requireNonNull(counted);
        }
    }
}
