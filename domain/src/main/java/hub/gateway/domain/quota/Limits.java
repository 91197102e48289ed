package hub.gateway.domain.quota;

/** The fair-use limits in force for one instance. */
public record Limits(int daily, int monthly, int perMinute) {
    public Limits {
        if (daily <= 0 || monthly <= 0 || perMinute <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
