package hub.gateway.application.port.in;

/** One round of the webhook dispatcher: deliver what is due now. Bootstrap calls it on a timer. */
public interface DeliverWebhooksUseCase {
    /** @return how many events were attempted */
    int deliverDue();
}
