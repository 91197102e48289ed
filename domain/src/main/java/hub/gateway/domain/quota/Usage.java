package hub.gateway.domain.quota;

/** How much of each window an instance has used. */
public record Usage(int minute, int day, int month) {
    public static final Usage NONE = new Usage(0, 0, 0);
}
