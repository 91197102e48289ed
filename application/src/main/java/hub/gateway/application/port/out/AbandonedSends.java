package hub.gateway.application.port.out;

import java.time.Instant;

/**
 * Sends whose node died between the reservation and the transport's answer: message-log rows left
 * {@code accepted} (contract §10, "nothing left in limbo"). Nothing else would ever resolve them.
 */
public interface AbandonedSends {
    /**
     * One bounded round: marks rows still {@code accepted} that were created before {@code acceptedBefore} as
     * {@code unknown}, with a status-history entry at {@code at}, at most {@code max} of them. Their quota stays
     * counted (the message may have gone out). Safe on every node at once: each row is marked once.
     */
    Round markUnknown(Instant acceptedBefore, Instant at, int max);

    /**
     * @param marked how many rows became {@code unknown}
     * @param more   whether the round stopped at its bound with more left to look at (a backlog), so that the
     *               next round should follow at once
     */
    record Round(int marked, boolean more) {
    }
}
