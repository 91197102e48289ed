package hub.gateway.adapter.http;

import hub.gateway.application.port.in.GetOverviewUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * {@code /admin/overview}: the whole gateway's last 24 hours (sends per hour by outcome, the top refusal codes,
 * opt-outs) and its webhook backlog now; behind the admin guard.
 */
final class OverviewAdminApi implements HttpService {
    private final GetOverviewUseCase getOverview;

    OverviewAdminApi(GetOverviewUseCase getOverview) {
        this.getOverview = getOverview;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/overview", Answer.handler(req -> Answer.ok(Representations.overview(getOverview.overview()).build())))
                .any("/overview", Routes.methodNotAllowed("GET"));
    }
}
