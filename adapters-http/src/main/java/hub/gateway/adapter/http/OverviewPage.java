package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.Chart;
import hub.gateway.adapter.http.console.JteoverviewGenerated;
import hub.gateway.adapter.http.console.RefusalCode;
import hub.gateway.application.port.in.GetOverviewUseCase;
import hub.gateway.application.port.in.GetOverviewUseCase.Overview;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;

/**
 * {@code /console/overview}: {@code GET /admin/overview}'s figures, the sends per hour as a chart drawn on the server
 * (inline SVG: no script, no request), the refusals by their wire code (the catalogue's, as the JSON names them).
 */
final class OverviewPage implements HttpService {
    private final GetOverviewUseCase getOverview;

    OverviewPage(GetOverviewUseCase getOverview) {
        this.getOverview = getOverview;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/overview", Answer.handler(this::overview))
                .any("/overview", ConsoleHtml.methodNotAllowed("GET"));
    }

    private Answer overview(ServerRequest req) {
        Overview overview = getOverview.overview();
        List<RefusalCode> refusals = overview.topRefusals().stream()
                .map(r -> new RefusalCode(ErrorCatalog.of(r.reason()).code(), r.count())).toList();
        return ConsoleHtml.ok(out -> JteoverviewGenerated.render(out, null,
                ConsoleVisit.of(req).frame("Overview", "/overview"), overview, Chart.of(overview.hours()), refusals));
    }
}
