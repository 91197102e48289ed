package hub.gateway.application.service;

import hub.gateway.application.UseCases;

import java.security.SecureRandom;

/** Wires the services to the ports; only {@link UseCases#create} calls it. */
public final class Services {
    private Services() {
    }

    public static UseCases build(UseCases.Ports ports, SecureRandom random) {
        InstanceReports reports = new InstanceReports(ports.quota(), ports.clock());
        ClientReadService reads = new ClientReadService(ports.instances(), ports.messageLog(), reports);
        AdminService admin = new AdminService(ports.accounts(), ports.apiKeys(), ports.instances(), ports.transports(),
                reports, new RandomIds(random), ports.clock());
        return new UseCases(
                new AuthenticateClientService(ports.apiKeys()),
                new SendMessageService(ports.instances(), ports.quota(), ports.messageLog(), ports.transports(), ports.clock()),
                reads,
                reads,
                reads,
                ports.storageHealth()::isReachable,
                admin,
                admin,
                admin,
                admin,
                admin,
                admin,
                admin);
    }
}
