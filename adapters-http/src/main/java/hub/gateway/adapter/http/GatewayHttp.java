package hub.gateway.adapter.http;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.WebhookDestinations;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP edge of the gateway: the client API ({@code /api}), the operator API ({@code /admin}), the
 * transport providers' webhooks ({@code /webhooks}), the operator console ({@code /console}), the API's description ({@code /openapi}), its reference page ({@code /docs}), the health probes
 * ({@code /observe/health}, {@code /observe/health/ready}, {@code /observe/health/live}) and the metrics
 * ({@code /observe/metrics}) on one Helidon SE webserver, which the composition root starts with the use cases and
 * closes on shutdown; {@code /observe} on a second port of its own when a management port is set. And the edge's
 * outbound side, the webhook sender and the policy for webhook URLs, and the {@link Metrics} the application tells
 * its business events to.
 */
public final class GatewayHttp implements AutoCloseable {
    /** How long a graceful stop lets requests already being served finish. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The prefix of the operator's probes and metrics, the routes a management port takes off the main port. */
    private static final String OBSERVE = "/observe";
    private static final String MANAGEMENT_SOCKET = "management";

    private final WebServer server;
    private final Metrics metrics;
    private final boolean managementSocket;

    private GatewayHttp(WebServer server, Metrics metrics, boolean managementSocket) {
        this.server = server;
        this.metrics = metrics;
        this.managementSocket = managementSocket;
    }

    /**
     * @param port            the TCP port; 0 picks any free port (see {@link #port()})
     * @param requestDeadline {@code GATEWAY_REQUEST_DEADLINE_MS} (contract §10): a send whose reservation completes
     *                        later than this after the request arrived is answered 503 and never sent
     * @param managementPort  {@code GATEWAY_MANAGEMENT_PORT}: when set, every route of {@code /observe} is served on
     *                        this port and only there (the main port answers 404 there); 0 picks any free port (see
     *                        {@link #managementPort()}); empty: {@code /observe} is on the main port
     */
    public record Settings(int port, Duration requestDeadline, Optional<Integer> managementPort) {
        /** The contract's default deadline. */
        public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(5);

        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535");
            }
            if (requestDeadline.isNegative() || requestDeadline.isZero()) {
                throw new IllegalArgumentException("the request deadline must be positive");
            }
            managementPort = Objects.requireNonNull(managementPort);
            if (managementPort.filter(p -> p < 0 || p > 65_535).isPresent()) {
                throw new IllegalArgumentException("the management port must be between 0 and 65535");
            }
            if (managementPort.filter(p -> p != 0 && p == port).isPresent()) {
                throw new IllegalArgumentException("the management port must differ from the main port");
            }
        }

        public Settings(int port) {
            this(port, DEFAULT_REQUEST_DEADLINE, Optional.empty());
        }
    }

    /** With meters of its own, which nothing else is told of: for tests of the edge alone. */
    public static GatewayHttp start(UseCases useCases, Settings settings) {
        return start(useCases, settings, new Metrics());
    }

    /**
     * @param metrics the meters the application was handed as its {@link ActivityMonitor}; closed with the server
     */
    public static GatewayHttp start(UseCases useCases, Settings settings, Metrics metrics) {
        Objects.requireNonNull(useCases);
        Objects.requireNonNull(settings);
        HttpRouting.Builder main = routing(metrics.meters);
        Optional<HttpRouting.Builder> management = settings.managementPort().map(port -> routing(metrics.meters));
        services(useCases, settings, OpenApiDocument.load(), metrics.meters).forEach((prefix, services) -> {
            HttpRouting.Builder routing = prefix.equals(OBSERVE) ? management.orElse(main) : main;
            if (prefix.isEmpty()) {
                routing.register(screened(prefix, services.toArray(HttpService[]::new)));
            } else {
                routing.register(prefix, screened(prefix, services.toArray(HttpService[]::new)));
            }
        });
        // Last: whatever no service answered is not ours (on the main port, /observe too when it moved).
        main.any(Routes::notFound);
        management.ifPresent(routing -> routing.any(Routes::notFound));
        DirectHandlers direct = directHandlers();
        WebServerConfig.Builder server = WebServer.builder()
                .port(settings.port())
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .directHandlers(direct)
                .addRouting(main);
        management.ifPresent(routing -> server.putSocket(MANAGEMENT_SOCKET, socket -> socket
                .port(settings.managementPort().orElseThrow())
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .directHandlers(direct)
                .routing(routing)));
        try {
            return new GatewayHttp(server.build().start(), metrics, management.isPresent());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /** Every port's routing starts alike: request ids, the access line, the send's meters, errors in our shape. */
    private static HttpRouting.Builder routing(GatewayMeters meters) {
        return HttpRouting.builder()
                .addFilter(new EdgeFilter(meters))
                .error(Throwable.class, EdgeFilter::onError);
    }

    private static DirectHandlers directHandlers() {
        DirectHandler json = new JsonDirectHandler();
        DirectHandlers.Builder direct = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            direct.addHandler(type, json);
        }
        return direct.build();
    }

    /**
     * Every route of the edge, by path prefix ("" for none), in the order they are registered: one service per
     * resource, each handed only the use cases it calls. The description's test reads the routes from here.
     */
    static Map<String, List<HttpService>> services(UseCases useCases, Settings settings, OpenApiDocument openApi) {
        return services(useCases, settings, openApi, new GatewayMeters());
    }

    static Map<String, List<HttpService>> services(UseCases useCases, Settings settings, OpenApiDocument openApi,
                                                   GatewayMeters meters) {
        // The use cases' clock: the deadline taken at the edge is compared with it there.
        Clock clock = Clock.systemUTC();
        ClientGuard client = new ClientGuard(useCases.authenticateClient(), clock);
        Map<String, List<HttpService>> services = new LinkedHashMap<>();
        services.put("/api", List.of(
                new SendMessageApi(client, useCases.sendMessage(), useCases.claimIdempotencyKey(),
                        useCases.rememberAnswer(), useCases.releaseIdempotencyKey(), settings.requestDeadline()),
                new MessagesApi(client, useCases.getMessage(), useCases.listMessages()),
                new UsageApi(client, useCases.getUsage()),
                new ClientSuppressionsApi(client, useCases.listSuppressions(), useCases.blockRecipient(),
                        useCases.liftSuppression())));
        // The guard first, for every path under /admin.
        UseCases.OperatorReads reads = useCases.operatorReads();
        services.put("/admin", List.of(
                new AdminGuard(useCases.authenticateOperator()),
                new AccountsAdminApi(useCases.createAccount(), useCases.issueApiKey(), reads.listAccounts(),
                        reads.listApiKeys()),
                new ApiKeysAdminApi(useCases.revokeApiKey()),
                new InstancesAdminApi(useCases.createInstance(), useCases.getInstance(), useCases.updateInstance(),
                        useCases.changeInstanceStatus(), reads.searchInstances()),
                new InboundAdminApi(useCases.receiveInboundMessage(), clock),
                new TemplatesAdminApi(useCases.templates()),
                new AdminSuppressionsApi(useCases.blockRecipient(), useCases.liftSuppression(),
                        reads.listSuppressionHistory()),
                new WebhookDeliveriesAdminApi(useCases.listWebhookDeliveries(), useCases.replayWebhookEvent()),
                new RiskEventsAdminApi(useCases.listRiskEvents()),
                new MessagesAdminApi(reads.listInstanceMessages()),
                new ReviewAdminApi(reads.listPausedInstances()),
                new OverviewAdminApi(reads.getOverview()),
                new OperatorsAdminApi(useCases.createOperator(), useCases.listOperators(), useCases.revokeOperator()),
                new AuditAdminApi(useCases.listAuditEntries())));
        // The operator console's pages (contract §12): the stylesheet and the sign-in page for anyone, then the guard
        // (a session for every other path, and the CSRF token for every change), the pages, and a 404 page for the
        // rest. Same use cases as /admin, HTML instead of JSON.
        services.put(ConsoleHtml.PREFIX, List.of(
                ConsoleAssets.load(),
                new ConsoleSignIn(useCases.signInOperator()),
                new ConsoleGuard(useCases.findConsoleSession()),
                new ConsoleSignOut(useCases.signOutOperator()),
                new ReviewPage(reads.listPausedInstances(), useCases.changeInstanceStatus()),
                new InstanceListPage(reads.searchInstances()),
                new InstancePage(useCases.getInstance(), useCases.updateInstance(), useCases.changeInstanceStatus(),
                        useCases.listRiskEvents(), reads.listSuppressionHistory(), useCases.blockRecipient(),
                        useCases.liftSuppression(), useCases.listWebhookDeliveries(), useCases.replayWebhookEvent(),
                        reads.listInstanceMessages(), useCases.templates().list()),
                new AccountsPage(reads.listAccounts(), useCases.createAccount(), reads.listApiKeys(),
                        useCases.issueApiKey(), useCases.revokeApiKey()),
                new OverviewPage(reads.getOverview()),
                new AuditPage(useCases.listAuditEntries()),
                new ConsoleNotFound()));
        services.put(OBSERVE, List.of(new HealthApi(useCases.checkReadiness()),
                new MetricsApi(meters, useCases.readOperatingGauges())));
        // No API key or admin token: the transport providers call these, and the use case checks their
        // signature and verify token.
        services.put("/webhooks", List.of(new ProviderWebhooksApi(useCases.receiveTransportWebhook(),
                useCases.answerWebhookSubscription())));
        // The description, for machines and (rendered by Redoc) for people.
        services.put("", List.of(openApi, DocsPage.load()));
        return services;
    }

    private static HttpService[] screened(String prefix, HttpService... services) {
        return java.util.Arrays.stream(services).map(service -> ScreenedRoutes.of(prefix, service))
                .toArray(HttpService[]::new);
    }

    /**
     * Posts signed client events to webhook URLs (contract §7): 5 seconds per attempt, no redirects, no
     * retries of its own, and the destination checked again before every attempt.
     *
     * @param allowPrivateDestinations {@code GATEWAY_WEBHOOK_ALLOW_PRIVATE}: true lets URLs reach loopback and
     *                                 private networks (tests, local development)
     */
    public static WebhookSender webhookSender(boolean allowPrivateDestinations) {
        return new StandardWebhookSender(new WebhookUrlPolicy(allowPrivateDestinations));
    }

    /**
     * Judges webhook URLs when they are saved: http or https, and, unless allowed, no host that resolves to a
     * loopback, private, link-local, carrier-NAT, multicast or cloud metadata address.
     */
    public static WebhookDestinations webhookDestinations(boolean allowPrivateDestinations) {
        return new WebhookUrlPolicy(allowPrivateDestinations);
    }

    /** The port actually bound, useful when {@link Settings#port()} was 0. */
    public int port() {
        return server.port();
    }

    /** The port {@code /observe} is served on: the management port actually bound, or the main port. */
    public int managementPort() {
        return managementSocket ? server.port(MANAGEMENT_SOCKET) : server.port();
    }

    /** Stops accepting connections and lets in-flight requests finish, for at most the grace period. */
    @Override
    public void close() {
        try {
            if (server.isRunning()) {
                server.stop();
            }
        } finally {
            metrics.close();
        }
    }

    /**
     * The gateway's meters, served at {@code /observe/metrics}. The composition root makes one, hands it to the
     * application as its {@link ActivityMonitor} (the business events) and to {@link #start(UseCases, Settings,
     * Metrics)} (the send route's answers, the scrape); the server closes it.
     */
    public static final class Metrics implements ActivityMonitor, AutoCloseable {
        private final GatewayMeters meters = new GatewayMeters();

        /** A grouped call of the send gate held this many reservations. */
        public void reservationsCalled(int reservations) {
            meters.reservationsCalled(reservations);
        }

        /** A grouped call of the message log held this many markings. */
        public void markingsCalled(int markings) {
            meters.markingsCalled(markings);
        }

        @Override
        public void sendRefusedForRisk(List<RiskSignal> signals) {
            meters.sendRefusedForRisk(signals);
        }

        @Override
        public void instancePaused(PauseCause cause) {
            meters.instancePaused(cause);
        }

        @Override
        public void inboundReceived(InboundKind kind) {
            meters.inboundReceived(kind);
        }

        @Override
        public void transportAnswered(String transport, TransportResult result, Duration took) {
            meters.transportAnswered(transport, result, took);
        }

        @Override
        public void webhookAttempted(WebhookAttempt attempt) {
            meters.webhookAttempted(attempt);
        }

        @Override
        public void close() {
            meters.close();
        }
    }
}
