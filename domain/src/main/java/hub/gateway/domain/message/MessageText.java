package hub.gateway.domain.message;

/** The body of a text message: not blank, at most 4096 characters (Unicode code points, as people count). */
public record MessageText(String value) {
    public static final int MAX_CHARACTERS = 4096;

    public MessageText {
        if (problemWith(value) != null) {
            throw new IllegalArgumentException(problemWith(value));
        }
    }

    /** Why the text cannot be sent, or null when it can. */
    public static String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return "must not be blank";
        }
        if (value.codePointCount(0, value.length()) > MAX_CHARACTERS) {
            return "must be at most " + MAX_CHARACTERS + " characters";
        }
        return null;
    }
}
