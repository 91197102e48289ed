package hub.gateway.adapter.http;

import hub.gateway.domain.message.FieldError;
import io.helidon.http.HttpPrologue;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/**
 * Puts one guard in front of every route of a service: a path parameter holding U+0000 ({@code %00}) is answered
 * 422 {@code validation_error} naming the parameter before the route's handler runs, so no handler, use case or
 * database statement ever sees one. Only a matched route knows its parameters' names, so this cannot be a filter;
 * wrapping the service's rules keeps the services themselves unaware of it.
 */
final class ScreenedRoutes {
    private ScreenedRoutes() {
    }

    static HttpService of(HttpService service) {
        return new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                service.routing(new Rules(rules));
            }

            @Override
            public void beforeStart() {
                service.beforeStart();
            }

            @Override
            public void afterStop() {
                service.afterStop();
            }
        };
    }

    static Handler guarded(Handler handler) {
        return (req, res) -> {
            List<FieldError> refused = UrlScreen.nulParameters(req.path().pathParameters());
            if (refused.isEmpty()) {
                handler.handle(req, res);
            } else {
                ErrorAnswers.validation(refused).writeTo(res);
            }
        };
    }

    /** Every way of adding a route ends in {@link #route(HttpRoute)}; nested services are screened the same way. */
    private record Rules(HttpRules delegate) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                delegate.register(of(service));
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService service : services) {
                delegate.register(pathPattern, of(service));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            delegate.route(new Route(route));
            return this;
        }
    }

    /** The guard is built once per route, not per request. */
    private static final class Route implements HttpRoute {
        private final HttpRoute delegate;
        private final Handler handler;

        Route(HttpRoute delegate) {
            this.delegate = delegate;
            this.handler = guarded(delegate.handler());
        }

        @Override
        public PathMatchers.MatchResult accepts(HttpPrologue prologue) {
            return delegate.accepts(prologue);
        }

        @Override
        public Handler handler() {
            return handler;
        }

        @Override
        public void beforeStart() {
            delegate.beforeStart();
        }

        @Override
        public void afterStop() {
            delegate.afterStop();
        }
    }
}
