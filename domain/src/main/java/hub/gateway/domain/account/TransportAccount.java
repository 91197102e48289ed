package hub.gateway.domain.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance's own account at its transport, for transports that need one (the Meta WhatsApp Cloud API:
 * the business phone number's id and an access token). The token is a secret: it is never shown by the
 * API or written to a log, so {@link #toString()} leaves it out.
 */
public record TransportAccount(Optional<String> phoneNumberId, Optional<String> accessToken) {
    public static final TransportAccount NONE = new TransportAccount(Optional.empty(), Optional.empty());

    public TransportAccount {
        Objects.requireNonNull(phoneNumberId);
        Objects.requireNonNull(accessToken);
    }

    @Override
    public String toString() {
        return "TransportAccount[phoneNumberId=" + phoneNumberId.orElse("none")
                + ", accessToken=" + (accessToken.isPresent() ? "(set)" : "none") + "]";
    }
}
