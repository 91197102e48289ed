package hub.gateway.domain.operator;

import java.util.Objects;

/**
 * Who acts through {@code /admin} or the console: what the audit log names. The built-in {@link #ADMIN} is the
 * holder of {@code GATEWAY_ADMIN_TOKEN}; it is configuration, never stored, and its id is its name.
 */
public record Operator(String id, String name) {
    public static final String ADMIN_NAME = "admin";
    public static final Operator ADMIN = new Operator(ADMIN_NAME, ADMIN_NAME);

    public Operator {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
    }

    public boolean isBuiltIn() {
        return ADMIN.equals(this);
    }
}
