package hub.gateway.adapter.http;

import java.util.regex.Pattern;

/**
 * A request's path as the access log may show it. A path may be anything a client sent: characters outside
 * printable ASCII (which could forge or break log lines) become '?', and it is cut at 200 characters. A path may
 * also hold a phone number ({@code DELETE /api/suppressions/{instance_id}/{phone}}): a run of seven or more
 * digits keeps only its last two, as {@link hub.gateway.domain.message.PhoneNumber#masked()} does.
 */
final class LoggedPaths {
    private static final int MAX_LENGTH = 200;
    private static final Pattern UNPRINTABLE = Pattern.compile("[^\\x21-\\x7e]");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{5,}(?=\\d{2}(?!\\d))");

    private LoggedPaths() {
    }

    static String of(String rawPath) {
        if (rawPath == null) {
            return "-";
        }
        String cut = rawPath.length() > MAX_LENGTH ? rawPath.substring(0, MAX_LENGTH) + "…" : rawPath;
        String printable = UNPRINTABLE.matcher(cut).replaceAll("?");
        return LONG_NUMBER.matcher(printable).replaceAll(run -> "*".repeat(run.group().length()));
    }
}
