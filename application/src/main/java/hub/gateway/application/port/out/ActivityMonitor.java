package hub.gateway.application.port.out;

import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;

import java.time.Duration;
import java.util.List;

/**
 * What operators watch the gateway by: the services tell it each business event as it happens, and the deployment
 * counts them (contract §11's metrics). It names events in the gateway's words and never carries an instance, an
 * account or a phone number: what it is told is fit for a dashboard, not for finding a customer. Every method is
 * called on the path of the event it reports, so an implementation only counts (no I/O, no blocking).
 */
public interface ActivityMonitor {
    /** The risk assessment refused a send or paused its instance; {@code signals} are those that led there. */
    void sendRefusedForRisk(List<RiskSignal> signals);

    /** An instance went from active to paused for review (not a pause of an instance already paused). */
    void instancePaused(PauseCause cause);

    /** A recipient's message arrived and was read as {@code kind}, whether or not it changed a suppression. */
    void inboundReceived(InboundKind kind);

    /** A transport was asked to deliver a message and answered (or threw) after {@code took}. */
    void transportAnswered(String transport, TransportResult result, Duration took);

    /** One attempt to deliver a client event to its webhook URL, and what became of the event. */
    void webhookAttempted(WebhookAttempt attempt);

    /** How an inbound message was read. */
    enum InboundKind {
        OPT_OUT, OPT_IN, OTHER
    }

    /** What a transport answered. */
    enum TransportResult {
        /** The provider took the message. */
        DELIVERED,
        /** The provider refused it, or could not be reached. */
        FAILED,
        /** The request may have reached the provider, but no answer said so (a time-out after it was written). */
        UNKNOWN
    }

    /** What one delivery attempt made of a client event. */
    enum WebhookAttempt {
        /** The receiver took it. */
        DELIVERED,
        /** It failed and will be tried again. */
        RETRIED,
        /** It failed for the last time: the event is given up (an operator may replay it). */
        DEAD
    }

    /** Watches nothing: for deployments and tests that do not count. */
    ActivityMonitor NONE = new ActivityMonitor() {
        @Override
        public void sendRefusedForRisk(List<RiskSignal> signals) {
        }

        @Override
        public void instancePaused(PauseCause cause) {
        }

        @Override
        public void inboundReceived(InboundKind kind) {
        }

        @Override
        public void transportAnswered(String transport, TransportResult result, Duration took) {
        }

        @Override
        public void webhookAttempted(WebhookAttempt attempt) {
        }
    };
}
