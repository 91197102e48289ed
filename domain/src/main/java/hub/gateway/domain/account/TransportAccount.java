package hub.gateway.domain.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance's own account at its transport, for transports that need one (the Meta WhatsApp Cloud API:
 * the business phone number's id, an access token, and the WhatsApp Business Account that holds its templates).
 * The token is a secret: it is never shown by the API or written to a log, so {@link #toString()} leaves it out.
 *
 * @param businessAccountId Meta's WhatsApp Business Account id ({@code waba_id}): where the templates are read from,
 *                          and what Meta's template webhooks name; several phone numbers (instances) may share one
 * @param waha              the instance's session on a WAHA server, for the {@code waha} transport
 */
public record TransportAccount(Optional<String> phoneNumberId, Optional<String> accessToken,
                               Optional<String> businessAccountId, WahaAccount waha) {
    public static final TransportAccount NONE = new TransportAccount(Optional.empty(), Optional.empty(), Optional.empty());

    public TransportAccount {
        Objects.requireNonNull(phoneNumberId);
        Objects.requireNonNull(accessToken);
        Objects.requireNonNull(businessAccountId);
        Objects.requireNonNull(waha);
    }

    /** Meta's account alone, without a WAHA session. */
    public TransportAccount(Optional<String> phoneNumberId, Optional<String> accessToken,
                            Optional<String> businessAccountId) {
        this(phoneNumberId, accessToken, businessAccountId, WahaAccount.NONE);
    }

    /** A WAHA session alone. */
    public static TransportAccount of(WahaAccount waha) {
        return new TransportAccount(Optional.empty(), Optional.empty(), Optional.empty(), waha);
    }

    /** Without a WhatsApp Business Account. */
    public TransportAccount(Optional<String> phoneNumberId, Optional<String> accessToken) {
        this(phoneNumberId, accessToken, Optional.empty());
    }

    @Override
    public String toString() {
        return "TransportAccount[phoneNumberId=" + phoneNumberId.orElse("none")
                + ", accessToken=" + (accessToken.isPresent() ? "(set)" : "none")
                + ", businessAccountId=" + businessAccountId.orElse("none") + ", waha=" + waha + "]";
    }
}
