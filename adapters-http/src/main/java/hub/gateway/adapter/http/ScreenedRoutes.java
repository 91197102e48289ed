package hub.gateway.adapter.http;

import hub.gateway.domain.message.FieldError;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
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
 * wrapping the service's rules keeps the services themselves unaware of it. The same wrapping tells the access log
 * which route answered ({@link AccessFacts}).
 */
final class ScreenedRoutes {
    private ScreenedRoutes() {
    }

    static HttpService of(HttpService service) {
        return of("", service);
    }

    /**
     * @param prefix the path the service is registered under ({@code /api}): Helidon does not tell a route its full
     *               pattern, and the access log names the route by it ({@code /api/messages/{log_id}})
     */
    static HttpService of(String prefix, HttpService service) {
        return new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                service.routing(new Rules(rules, prefix));
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
                ErrorAnswers.validation(refused).writeTo(req, res);
            }
        };
    }

    /**
     * Every way of adding a route ends in {@link #route(HttpRoute)}; nested services are screened the same way. The
     * two ways the services add a route with a path pattern are caught before Helidon turns the pattern into a
     * matcher, so that the route can name its pattern to the access log.
     */
    private record Rules(HttpRules delegate, String prefix) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                delegate.register(of(prefix, service));
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService service : services) {
                delegate.register(pathPattern, of(prefix + pathPattern, service));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            delegate.route(new Route(route, null));
            return this;
        }

        /** What {@code get}, {@code post}, {@code put}, {@code delete}, {@code patch}… call for each handler. */
        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            delegate.route(new Route(HttpRoute.builder().methods(method).path(pathPattern).handler(handler).build(),
                    prefix + pathPattern));
            return this;
        }

        @Override
        public HttpRules any(String pathPattern, Handler... handlers) {
            for (Handler handler : handlers) {
                delegate.route(new Route(HttpRoute.builder().path(pathPattern).handler(handler).build(),
                        prefix + pathPattern));
            }
            return this;
        }
    }

    /** The guard is built once per route, not per request. */
    private static final class Route implements HttpRoute {
        private static final String ADMIN_INSTANCE = "/admin/instances/{id}";
        private final HttpRoute delegate;
        private final Handler handler;

        /** @param pattern the route's full path pattern; null for a route without one (a guard of every path) */
        Route(HttpRoute delegate, String pattern) {
            this.delegate = delegate;
            Handler screened = guarded(delegate.handler());
            // The operator may see every instance: an admin route that names one in its path reports it (it runs
            // only once the admin guard has let the request through). A client's instance is reported by the send,
            // which alone learns whether the client may see it.
            boolean namesInstance = pattern != null && pattern.startsWith(ADMIN_INSTANCE);
            this.handler = pattern == null ? screened : (req, res) -> {
                AccessFacts facts = AccessFacts.of(req);
                facts.route(pattern);
                if (namesInstance) {
                    req.path().pathParameters().first("id").ifPresent(facts::instanceId);
                }
                screened.handle(req, res);
            };
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
