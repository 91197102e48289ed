package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ReadOperatingGaugesUseCase.OperatingGauges;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gateway's meters (contract §11), in Micrometer's Prometheus registry. Every meter a send touches is resolved
 * once and kept (by enum, or in a map whose hit is one lock-free read), so counting costs no registry look-up; the
 * histograms have one small fixed set of buckets, not Micrometer's percentile histogram. No label carries an
 * instance, an account or a phone number: the values are error codes, signal and transport names, and the enums'
 * words, all bounded by the deployment's configuration.
 */
final class GatewayMeters implements ActivityMonitor, AutoCloseable {
    /** The text format every Prometheus server reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The buckets of both histograms: from a cache-hit send to the request deadline and a slow provider. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    static final String SENT = "sent";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Counter> sendOutcomes = new ConcurrentHashMap<>();
    private final Timer sentDuration;
    private final Timer refusedDuration;
    private final Timer failedDuration;
    private final Map<String, Counter> policySignals = new ConcurrentHashMap<>();
    private final Map<PauseCause, Counter> pauses = new EnumMap<>(PauseCause.class);
    private final Map<InboundKind, Counter> inbound = new EnumMap<>(InboundKind.class);
    private final Map<String, TransportMeters> transports = new ConcurrentHashMap<>();
    private final Map<WebhookAttempt, Counter> webhooks = new EnumMap<>(WebhookAttempt.class);
    /** Read at each scrape ({@link #refresh}); NaN until read, and while the database cannot say. */
    private volatile double outboxPending = Double.NaN;
    private volatile double outboxOldestPendingSeconds = Double.NaN;
    private volatile double poolActive = Double.NaN;
    private volatile double poolIdle = Double.NaN;
    private volatile double poolPending = Double.NaN;
    private final DistributionSummary reservationsPerCall;
    private final DistributionSummary markingsPerCall;

    GatewayMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        sendOutcome(SENT);
        sentDuration = sendDuration("sent");
        refusedDuration = sendDuration("refused");
        failedDuration = sendDuration("failed");
        for (PauseCause cause : PauseCause.values()) {
            pauses.put(cause, counter("gateway.instances.paused", "Instances paused for review, by cause", "cause", cause.wireName()));
        }
        for (InboundKind kind : InboundKind.values()) {
            inbound.put(kind, counter("gateway.inbound.messages", "Messages received from recipients, by how they were read",
                    "kind", word(kind)));
        }
        for (WebhookAttempt attempt : WebhookAttempt.values()) {
            webhooks.put(attempt, counter("gateway.webhook.deliveries",
                    "Attempts to deliver client events to webhook URLs, by what became of the event", "result", word(attempt)));
        }
        gauge("gateway.outbox.pending", null, "Client events waiting for delivery (first attempt or retry)",
                m -> m.outboxPending);
        gauge("gateway.outbox.oldest.pending", "seconds", "Age of the oldest client event waiting for delivery",
                m -> m.outboxOldestPendingSeconds);
        poolGauge("active", m -> m.poolActive);
        poolGauge("idle", m -> m.poolIdle);
        poolGauge("pending", m -> m.poolPending);
        reservationsPerCall = groupSizes("gateway.gate.reservations.per.call",
                "Reservations the send gate made in one call to the database (one statement, one commit)");
        markingsPerCall = groupSizes("gateway.gate.markings.per.call",
                "Sends marked sent in one call to the database (one statement, one commit)");
    }

    /** How many items the grouped calls of this node held: 1 while it is quiet, more while it is busy. */
    private DistributionSummary groupSizes(String name, String description) {
        return DistributionSummary.builder(name).description(description)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
    }

    void reservationsCalled(int reservations) {
        reservationsPerCall.record(reservations);
    }

    void markingsCalled(int markings) {
        markingsPerCall.record(markings);
    }

    /**
     * One answer of {@code POST /api/send-message}.
     *
     * @param outcome {@code sent} or the answer's error code
     */
    void sendAnswered(String outcome, int status, long nanos) {
        sendOutcome(outcome).increment();
        Timer duration = SENT.equals(outcome) ? sentDuration : status >= 500 ? failedDuration : refusedDuration;
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void sendRefusedForRisk(List<RiskSignal> signals) {
        for (RiskSignal signal : signals) {
            cached(policySignals, signal.name(), name -> counter("gateway.policy.signals",
                    "Risk signals that contributed to a refused or paused send", "signal", name)).increment();
        }
    }

    @Override
    public void instancePaused(PauseCause cause) {
        pauses.get(cause).increment();
    }

    @Override
    public void inboundReceived(InboundKind kind) {
        inbound.get(kind).increment();
    }

    @Override
    public void transportAnswered(String transport, TransportResult result, Duration took) {
        TransportMeters meters = cached(transports, transport, this::transportMeters);
        meters.results().get(result).increment();
        meters.duration().record(took);
    }

    @Override
    public void webhookAttempted(WebhookAttempt attempt) {
        webhooks.get(attempt).increment();
    }

    /** The gauges as the application read them for this scrape; an unknown backlog is NaN, not a stale number. */
    void refresh(OperatingGauges gauges) {
        outboxPending = gauges.webhookBacklog().map(b -> (double) b.pending()).orElse(Double.NaN);
        outboxOldestPendingSeconds = gauges.webhookBacklog()
                .map(b -> b.oldestPendingAge().toNanos() / 1e9).orElse(Double.NaN);
        poolActive = gauges.databaseConnections().active();
        poolIdle = gauges.databaseConnections().idle();
        poolPending = gauges.databaseConnections().pending();
    }

    /** The gauges could not be read in time: unknown, every one of them. */
    void unknownGauges() {
        outboxPending = Double.NaN;
        outboxOldestPendingSeconds = Double.NaN;
        poolActive = Double.NaN;
        poolIdle = Double.NaN;
        poolPending = Double.NaN;
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter sendOutcome(String outcome) {
        return cached(sendOutcomes, outcome, o -> counter("gateway.send.requests",
                "Answers to POST /api/send-message, by outcome (sent or the error code)", "outcome", o));
    }

    private Timer sendDuration(String result) {
        return Timer.builder("gateway.send.duration").description("Time to answer POST /api/send-message")
                .tag("result", result).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private TransportMeters transportMeters(String transport) {
        String description = "Messages handed to a transport, by its answer";
        Map<TransportResult, Counter> results = new EnumMap<>(TransportResult.class);
        for (TransportResult result : TransportResult.values()) {
            results.put(result, Counter.builder("gateway.transport.requests").description(description)
                    .tags("transport", transport, "result", word(result)).register(registry));
        }
        return new TransportMeters(
                results,
                Timer.builder("gateway.transport.duration").description("Time a transport took to answer")
                        .tag("transport", transport).serviceLevelObjectives(BUCKETS).register(registry));
    }

    private Counter counter(String name, String description, String label, String value) {
        return Counter.builder(name).description(description).tag(label, value).register(registry);
    }

    private void gauge(String name, String unit, String description, java.util.function.ToDoubleFunction<GatewayMeters> value) {
        Gauge.builder(name, this, value).description(description).baseUnit(unit).strongReference(true).register(registry);
    }

    private void poolGauge(String state, java.util.function.ToDoubleFunction<GatewayMeters> value) {
        Gauge.builder("gateway.db.pool.connections", this, value)
                .description("Database connections of this node's pool: active, idle, and callers waiting (pending)")
                .tag("state", state).strongReference(true).register(registry);
    }

    /** A hit is one lock-free read; only the first use of a key registers its meter. */
    private static <M> M cached(Map<String, M> meters, String key, Function<String, M> create) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, create);
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Every result's counter is registered with the transport's first answer, so a rate query sees zeros, not gaps. */
    private record TransportMeters(Map<TransportResult, Counter> results, Timer duration) {
    }
}
