package hub.gateway.adapter.http.console;

import hub.gateway.application.port.in.GetOverviewUseCase.HourOfSends;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The overview's chart as geometry: one stacked bar per hour (oldest on the left), a segment per outcome with sends
 * in it, the tallest hour filling the plot. Drawn by the template as inline SVG: no script, no image request.
 */
public record Chart(List<Bar> bars, List<Label> labels, long max) {
    public static final int WIDTH = 960;
    public static final int HEIGHT = 240;
    public static final int PLOT_TOP = 10;
    public static final int PLOT_BOTTOM = 210;
    public static final int LEFT = 40;
    private static final int SLOT = (WIDTH - LEFT) / 24;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The outcomes, bottom up, as the overview counts them. */
    public static final List<String> OUTCOMES = List.of("sent", "failed", "refused", "unknown");

    /** One outcome's sends in one hour. */
    public record Bar(Instant hour, String outcome, long count, int x, int y, int width, int height) {
        public String title() {
            return count + " " + outcome + ", hour from " + DateTimeFormatter.ISO_INSTANT.format(hour);
        }
    }

    /** An hour's mark under the plot (UTC), every third hour. */
    public record Label(int x, int y, String text) {
    }

    public static Chart of(List<HourOfSends> hours) {
        long max = hours.stream().mapToLong(h -> h.sent() + h.failed() + h.refused() + h.unknown()).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int plot = PLOT_BOTTOM - PLOT_TOP;
        for (int i = 0; i < hours.size(); i++) {
            HourOfSends hour = hours.get(i);
            int x = LEFT + i * SLOT + 2;
            long[] counts = {hour.sent(), hour.failed(), hour.refused(), hour.unknown()};
            long below = 0;
            for (int o = 0; o < counts.length; o++) {
                if (counts[o] == 0) {
                    continue;
                }
                int top = PLOT_BOTTOM - (int) Math.round((double) (below + counts[o]) * plot / max);
                int bottom = PLOT_BOTTOM - (int) Math.round((double) below * plot / max);
                bars.add(new Bar(hour.hour(), OUTCOMES.get(o), counts[o], x, top, SLOT - 4, Math.max(1, bottom - top)));
                below += counts[o];
            }
            if (i % 3 == 0) {
                labels.add(new Label(x, PLOT_BOTTOM + 18, HOUR.format(hour.hour())));
            }
        }
        return new Chart(List.copyOf(bars), List.copyOf(labels), max);
    }

    public int axisY() {
        return PLOT_BOTTOM;
    }
}
