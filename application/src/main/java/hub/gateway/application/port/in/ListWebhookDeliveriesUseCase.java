package hub.gateway.application.port.in;

import hub.gateway.application.port.out.Outbox.EventDelivery;

import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's webhook events: attempts, last status, next attempt. */
public interface ListWebhookDeliveriesUseCase {
    /** Empty when the instance does not exist. */
    Optional<List<EventDelivery>> list(String instanceId, int limit);
}
