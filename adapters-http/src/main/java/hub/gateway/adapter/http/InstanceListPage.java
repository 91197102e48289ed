package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.JteinstancesGenerated;
import hub.gateway.application.port.in.SearchInstancesUseCase;
import hub.gateway.application.port.in.SearchInstancesUseCase.SearchInstancesResult;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code /console/instances?q=&cursor=}: the search of {@code GET /admin/instances}, a page of 50 at a time. */
final class InstanceListPage implements HttpService {
    static final int PAGE_SIZE = 50;

    private final SearchInstancesUseCase searchInstances;

    InstanceListPage(SearchInstancesUseCase searchInstances) {
        this.searchInstances = searchInstances;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances", Answer.handler(this::list))
                .any("/instances", ConsoleHtml.methodNotAllowed("GET"));
    }

    private Answer list(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        Optional<String> query = QueryInputs.text(req, "q").filter(q -> !q.isBlank());
        return switch (searchInstances.search(query, QueryInputs.text(req, "cursor"), PAGE_SIZE)) {
            case SearchInstancesResult.Listed listed -> ConsoleHtml.ok(out -> JteinstancesGenerated.render(out, null,
                    visit.frame("Instances", "/instances"), query.orElse(""), listed.page(),
                    listed.page().nextCursor().map(cursor -> ConsoleHtml.PREFIX + "/instances?"
                            + query.map(q -> "q=" + encode(q) + "&").orElse("") + "cursor=" + encode(cursor)).orElse(null)));
            case SearchInstancesResult.Invalid invalid -> ConsoleHtml.problem(Status.UNPROCESSABLE_CONTENT_422.code(),
                    visit.frame("Instances", "/instances"), "No such list", invalid.fields().stream()
                            .map(ReviewPage::sentence).collect(Collectors.joining(" ")));
        };
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
