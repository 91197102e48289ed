package hub.gateway.application.factory;

import hub.gateway.application.UseCases;
import hub.gateway.application.service.Services;

import java.security.SecureRandom;

/**
 * Builds the gateway's use cases from its driven ports: the one way in for the composition root. It stands in
 * its own package so that the use cases' record ({@link UseCases}) knows nothing of the services that implement
 * it: the services depend on the record, this factory on both, and nothing depends back on the factory.
 */
public final class ApplicationFactory {
    private ApplicationFactory() {
    }

    public static UseCases create(UseCases.Ports ports, UseCases.Policies policies) {
        return Services.build(ports, policies, new SecureRandom());
    }
}
