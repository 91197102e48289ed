package hub.gateway.domain.quota;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The plans of the public documentation, with the per-minute speeds of the contract. */
public enum Plan {
    STARTER(new Limits(100, 2_000, 20)),
    GROWTH(new Limits(500, 10_000, 60)),
    SCALE(new Limits(1_500, 30_000, 180));

    private final Limits limits;

    Plan(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Plan> fromWireName(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wanted)).findFirst();
    }
}
