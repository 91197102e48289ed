package hub.gateway.adapter.http;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.out.WebhookDestinations;
import hub.gateway.application.port.out.WebhookSender;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
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
 * transport providers' webhooks ({@code /webhooks}), the API's description ({@code /openapi}) and the health probes ({@code /observe/health}, {@code /observe/health/ready}, {@code /observe/health/live}) on one Helidon SE webserver, which the composition root starts
 * with the use cases and closes on shutdown; and the edge's outbound side, the webhook sender and the
 * policy for webhook URLs.
 */
public final class GatewayHttp implements AutoCloseable {
    /** How long a graceful stop lets requests already being served finish. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final WebServer server;

    private GatewayHttp(WebServer server) {
        this.server = server;
    }

    /**
     * @param port            the TCP port; 0 picks any free port (see {@link #port()})
     * @param adminToken      the bearer token of {@code /admin}; empty (or blank): every admin call answers 401
     * @param requestDeadline {@code GATEWAY_REQUEST_DEADLINE_MS} (contract §10): a send whose reservation completes
     *                        later than this after the request arrived is answered 503 and never sent
     */
    public record Settings(int port, Optional<String> adminToken, Duration requestDeadline) {
        /** The contract's default deadline. */
        public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(5);

        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535");
            }
            // A blank token would let "Authorization: Bearer " through string comparison games; treat it as none.
            adminToken = Objects.requireNonNull(adminToken).filter(token -> !token.isBlank());
            if (requestDeadline.isNegative() || requestDeadline.isZero()) {
                throw new IllegalArgumentException("the request deadline must be positive");
            }
        }

        public Settings(int port, Optional<String> adminToken) {
            this(port, adminToken, DEFAULT_REQUEST_DEADLINE);
        }

        @Override
        public String toString() {
            return "Settings[port=" + port + ", adminToken=" + (adminToken.isPresent() ? "<set>" : "<none>")
                    + ", requestDeadline=" + requestDeadline.toMillis() + "ms]";
        }
    }

    public static GatewayHttp start(UseCases useCases, Settings settings) {
        Objects.requireNonNull(useCases);
        Objects.requireNonNull(settings);
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new EdgeFilter())
                .error(Throwable.class, EdgeFilter::onError);
        services(useCases, settings, OpenApiDocument.load()).forEach((prefix, services) -> {
            if (prefix.isEmpty()) {
                routing.register(screened(prefix, services.toArray(HttpService[]::new)));
            } else {
                routing.register(prefix, screened(prefix, services.toArray(HttpService[]::new)));
            }
        });
        // Last: whatever no service answered is not ours.
        routing.any(Routes::notFound);
        DirectHandler json = new JsonDirectHandler();
        DirectHandlers.Builder direct = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            direct.addHandler(type, json);
        }
        WebServer server = WebServer.builder()
                .port(settings.port())
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .directHandlers(direct.build())
                .addRouting(routing)
                .build()
                .start();
        return new GatewayHttp(server);
    }

    /**
     * Every route of the edge, by path prefix ("" for none), in the order they are registered: one service per
     * resource, each handed only the use cases it calls. The description's test reads the routes from here.
     */
    static Map<String, List<HttpService>> services(UseCases useCases, Settings settings, OpenApiDocument openApi) {
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
                new AdminGuard(settings.adminToken()),
                new AccountsAdminApi(useCases.createAccount(), useCases.issueApiKey(), reads.listAccounts(),
                        reads.listApiKeys()),
                new ApiKeysAdminApi(useCases.revokeApiKey()),
                new InstancesAdminApi(useCases.createInstance(), useCases.getInstance(), useCases.updateInstance(),
                        useCases.changeInstanceStatus(), reads.searchInstances()),
                new InboundAdminApi(useCases.receiveInboundMessage(), clock),
                new AdminSuppressionsApi(useCases.blockRecipient(), useCases.liftSuppression(),
                        reads.listSuppressionHistory()),
                new WebhookDeliveriesAdminApi(useCases.listWebhookDeliveries(), useCases.replayWebhookEvent()),
                new RiskEventsAdminApi(useCases.listRiskEvents()),
                new MessagesAdminApi(reads.listInstanceMessages()),
                new ReviewAdminApi(reads.listPausedInstances()),
                new OverviewAdminApi(reads.getOverview())));
        services.put("/observe", List.of(new HealthApi(useCases.checkReadiness())));
        // No API key or admin token: the transport providers call these, and the use case checks their
        // signature and verify token.
        services.put("/webhooks", List.of(new ProviderWebhooksApi(useCases.receiveTransportWebhook(),
                useCases.answerWebhookSubscription())));
        services.put("", List.of(openApi));
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

    /** Stops accepting connections and lets in-flight requests finish, for at most the grace period. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
