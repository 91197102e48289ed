package hub.gateway.application.port.out;

import java.util.Optional;

/**
 * Whether a webhook URL may be used: http or https only, and, unless the deployment allows private
 * destinations, no host that resolves to a loopback, private, link-local or metadata address.
 */
public interface WebhookDestinations {
    /** Why the URL is refused, in words for the client; empty when it may be used. */
    Optional<String> problemWith(String url);
}
