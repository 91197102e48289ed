package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-process stand-in for WhatsApp (contract §8): it records every message and succeeds, except for
 * recipients whose number ends in {@code 0000}, so that delivery failures can be tried without a network. A
 * template is accepted as it is (the sandbox reviews none) and recorded with its rendered text.
 */
final class SandboxTransport implements Transport {
    static final String UNDELIVERABLE_SUFFIX = "0000";
    /** Enough to look at recent traffic; older messages are dropped so memory stays flat under load. */
    private static final int KEPT_MESSAGES = 1_000;

    private final Deque<Recorded> recent = new ArrayDeque<>();

    @Override
    public Delivery deliver(OutboundMessage message) {
        if (message.to().e164().endsWith(UNDELIVERABLE_SUFFIX)) {
            return new Delivery.Failed("sandbox_undeliverable",
                    "The sandbox does not deliver to numbers ending in " + UNDELIVERABLE_SUFFIX + ".");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String messageId = "sandbox." + new UUID(random.nextLong(), random.nextLong());
        record(new Recorded(messageId, message.instance().id().value(), message.to().e164(), message.text().value(),
                message.template().map(template -> template.key().toString())));
        return new Delivery.Delivered(messageId);
    }

    List<Recorded> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private void record(Recorded message) {
        synchronized (recent) {
            if (recent.size() == KEPT_MESSAGES) {
                recent.removeFirst();
            }
            recent.addLast(message);
        }
    }

    /** @param template a template send's {@code name/language}; {@code text} is then its rendered text */
    record Recorded(String messageId, String instanceId, String to, String text, java.util.Optional<String> template) {
    }
}
