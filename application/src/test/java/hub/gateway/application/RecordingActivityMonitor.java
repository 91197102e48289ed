package hub.gateway.application;

import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event it is told, in order, as words a test can compare ("paused operator", "transport sandbox delivered"). */
final class RecordingActivityMonitor implements ActivityMonitor {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void sendRefusedForRisk(List<RiskSignal> signals) {
        events.add("refused for " + signals.stream().map(RiskSignal::name).toList());
    }

    @Override
    public synchronized void instancePaused(PauseCause cause) {
        events.add("paused " + cause.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public synchronized void inboundReceived(InboundKind kind) {
        events.add("inbound " + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public synchronized void transportAnswered(String transport, TransportResult result, Duration took) {
        if (took.isNegative()) {
            throw new AssertionError("a transport answered before it was asked: " + took);
        }
        events.add("transport " + transport + " " + result.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public synchronized void webhookAttempted(WebhookAttempt attempt) {
        events.add("webhook " + attempt.name().toLowerCase(java.util.Locale.ROOT));
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<String> eventsStartingWith(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }
}
