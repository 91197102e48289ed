package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportTemplates;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;
import jakarta.json.JsonObject;

import java.io.IOException;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a WhatsApp Business Account's message templates ({@code GET {graph}/{waba_id}/message_templates}), page by
 * page through {@code paging.next}. The next page's address comes from Meta's answer and the request carries the
 * instance's token, so it is followed only when it points at the configured Graph API (same scheme, host and port);
 * the number of pages is bounded, so a paging loop ends.
 */
final class MetaTemplates implements TransportTemplates {
    static final int MAX_PAGES = 50;
    private static final String FIELDS = "name,language,category,status,components,quality_score";
    private static final int PAGE_SIZE = 100;

    private final URI graphUrl;
    private final Duration requestTimeout;
    private final HttpClient client;

    /** With the transport's own time-outs ({@code GATEWAY_TRANSPORT_*_TIMEOUT_MS}). */
    MetaTemplates(URI graphUrl, TransportTimeouts timeouts) {
        this(graphUrl, timeouts.connect(), timeouts.read());
    }

    MetaTemplates(URI graphUrl, Duration connectTimeout, Duration requestTimeout) {
        this.graphUrl = graphUrl;
        this.requestTimeout = requestTimeout;
        this.client = ProviderHttpClients.withoutRedirects(connectTimeout);
    }

    @Override
    public Fetched fetch(Instance instance) {
        TransportAccount account = instance.transportAccount();
        Optional<String> waba = account.businessAccountId().filter(id -> MetaCloudTransport.PHONE_NUMBER_ID.matcher(id).matches());
        Optional<String> token = account.accessToken().filter(t -> !t.isBlank());
        if (waba.isEmpty()) {
            return new Fetched.NotConfigured("waba_id",
                    "is required to sync templates: the instance's WhatsApp Business Account id (PATCH the instance)");
        }
        if (token.isEmpty()) {
            return new Fetched.NotConfigured("access_token", "is required to sync templates");
        }
        URI next = URI.create(graphUrl + "/" + waba.get() + "/message_templates?fields="
                + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8) + "&limit=" + PAGE_SIZE);
        List<Template> templates = new ArrayList<>();
        int skipped = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Page read;
            try {
                read = page(next, token.get());
            } catch (Refused refused) {
                return refused.failed;
            }
            templates.addAll(read.templates());
            skipped += read.skipped();
            Optional<URI> following = read.next().filter(this::isGraphApi);
            if (following.isEmpty()) {
                return new Fetched.Read(templates, skipped);
            }
            next = following.get();
        }
        return new Fetched.Failed("too_many_pages",
                "The WhatsApp Business Account lists more than " + MAX_PAGES * PAGE_SIZE + " templates.");
    }

    private record Page(List<Template> templates, int skipped, Optional<URI> next) {
    }

    private Page page(URI address, String token) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(address)
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Refused(new Fetched.Failed("transport_not_configured",
                    "The instance's access_token cannot be sent as a bearer token."));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Refused(new Fetched.Failed("timeout", "The WhatsApp Business Management API did not answer in time."));
        } catch (IOException e) {
            throw new Refused(new Fetched.Failed("unreachable", "The WhatsApp Business Management API could not be reached."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(new Fetched.Failed("interrupted", "The gateway stopped before Meta answered."));
        }
        String body = MetaCloudTransport.withoutSecret(response.body(), token);
        Optional<JsonObject> json = JsonTrees.parse(body).flatMap(JsonTrees::asObject);
        if (response.statusCode() / 100 != 2) {
            throw new Refused(json.flatMap(MetaErrors::fromErrorBody)
                    .map(failed -> new Fetched.Failed(failed.code(), failed.title()))
                    .orElseGet(() -> new Fetched.Failed("http_" + response.statusCode(),
                            "The WhatsApp Business Management API answered with HTTP status " + response.statusCode() + ".")));
        }
        if (json.isEmpty() || JsonTrees.array(json.get(), "data").isEmpty()) {
            throw new Refused(new Fetched.Failed("unexpected_answer",
                    "The WhatsApp Business Management API answered without a list of templates."));
        }
        List<Template> templates = new ArrayList<>();
        int skipped = 0;
        for (JsonObject listed : JsonTrees.objects(json.get(), "data")) {
            Optional<Template> template = template(listed);
            if (template.isPresent()) {
                templates.add(template.get());
            } else {
                skipped++;
            }
        }
        Optional<URI> next = JsonTrees.object(json.get(), "paging").flatMap(paging -> JsonTrees.string(paging, "next"))
                .flatMap(MetaTemplates::uri);
        return new Page(templates, skipped, next);
    }

    private boolean isGraphApi(URI next) {
        return Objects.equals(next.getScheme(), graphUrl.getScheme())
                && Objects.equals(next.getHost(), graphUrl.getHost())
                && next.getPort() == graphUrl.getPort();
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * One of Meta's templates as the gateway holds it; empty when it cannot be held: no body text, a body with
     * named parameters or over the length, a name, language, category or status the gateway does not know.
     */
    static Optional<Template> template(JsonObject listed) {
        Optional<String> name = JsonTrees.string(listed, "name").filter(n -> TemplateKey.nameProblem(n).isEmpty());
        Optional<String> language = JsonTrees.string(listed, "language").map(l -> l.replace('-', '_')).filter(l -> TemplateKey.languageProblem(l).isEmpty());
        Optional<TemplateCategory> category = JsonTrees.string(listed, "category").flatMap(TemplateCategory::fromWireName);
        Optional<TemplateStatus> status = JsonTrees.string(listed, "status").flatMap(TemplateStatus::fromWireName);
        Optional<String> body = JsonTrees.objects(listed, "components").stream()
                .filter(component -> "BODY".equalsIgnoreCase(JsonTrees.string(component, "type").orElse("")))
                .findFirst().flatMap(component -> JsonTrees.string(component, "text"))
                .filter(text -> TemplateBody.problemWith(text).isEmpty());
        if (name.isEmpty() || language.isEmpty() || category.isEmpty() || status.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        List<TemplateButton> buttons = JsonTrees.objects(listed, "components").stream()
                .filter(component -> "BUTTONS".equalsIgnoreCase(JsonTrees.string(component, "type").orElse("")))
                .flatMap(component -> JsonTrees.objects(component, "buttons").stream())
                .flatMap(button -> button(button, category.get()).stream())
                .limit(Template.MAX_BUTTONS)
                .toList();
        if (Template.problemWith(category.get(), new TemplateBody(body.get()), buttons).isPresent()) {
            return Optional.empty();
        }
        Optional<TemplateQuality> quality = JsonTrees.object(listed, "quality_score")
                .flatMap(score -> JsonTrees.string(score, "score")).flatMap(TemplateQuality::fromWireName);
        return Optional.of(new Template(new TemplateKey(name.get(), language.get()), category.get(),
                new TemplateBody(body.get()), buttons, status.get(), quality));
    }

    /**
     * Meta's button types the gateway names; an authentication template's OTP button (which Meta lists as a URL
     * button once created) is its copy-code button. Others (flows, catalogues…) are left out: the gateway sends
     * no parameters for them.
     */
    private static Optional<TemplateButton> button(JsonObject button, TemplateCategory category) {
        String type = JsonTrees.string(button, "type").orElse("").toUpperCase(java.util.Locale.ROOT);
        String text = JsonTrees.string(button, "text").orElse("");
        Optional<TemplateButton.Type> ours = switch (type) {
            case "OTP" -> Optional.of(TemplateButton.Type.COPY_CODE);
            case "URL" -> Optional.of(category == TemplateCategory.AUTHENTICATION
                    ? TemplateButton.Type.COPY_CODE : TemplateButton.Type.URL);
            case "QUICK_REPLY" -> Optional.of(TemplateButton.Type.QUICK_REPLY);
            case "PHONE_NUMBER" -> Optional.of(TemplateButton.Type.PHONE_NUMBER);
            default -> Optional.empty();
        };
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> value = switch (ours.get()) {
            case URL -> JsonTrees.string(button, "url");
            case PHONE_NUMBER -> JsonTrees.string(button, "phone_number");
            case QUICK_REPLY, COPY_CODE -> Optional.empty();
        };
        return TemplateButton.problemWith(ours.get(), text, value).isEmpty()
                ? Optional.of(new TemplateButton(ours.get(), text, value)) : Optional.empty();
    }

    /** Unwinds a page's failure in one step; it never leaves this class, where it becomes Failed. */
    private static final class Refused extends RuntimeException {
        private final transient Fetched.Failed failed;

        Refused(Fetched.Failed failed) {
            super(failed.code(), null, false, false);
            this.failed = failed;
        }
    }
}
