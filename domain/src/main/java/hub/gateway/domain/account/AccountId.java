package hub.gateway.domain.account;

/** Identifies an account: the tenant that owns API keys and instances. */
public record AccountId(String value) {
    public AccountId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("account id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
