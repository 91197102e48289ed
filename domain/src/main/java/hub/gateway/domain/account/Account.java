package hub.gateway.domain.account;

import java.time.ZoneId;
import java.util.Objects;

/** A tenant. Its time zone decides where its days and months begin. */
public record Account(AccountId id, String name, ZoneId timeZone) {
    public Account {
        Objects.requireNonNull(id);
        Objects.requireNonNull(timeZone);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account name must not be blank");
        }
    }
}
