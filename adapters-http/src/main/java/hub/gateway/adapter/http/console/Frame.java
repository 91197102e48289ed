package hub.gateway.adapter.http.console;

import java.util.Objects;
import java.util.Optional;

/**
 * What every console page shows around its content: its title, which section of the navigation it belongs to, and,
 * once someone is signed in, who (in the header) and the session's CSRF token (in the sign-out form and every other
 * form of the page).
 *
 * @param section   one of {@link #SECTIONS}' paths, or empty for pages outside the navigation (sign-in, errors)
 * @param operator  the signed-in operator's name; empty on the sign-in page
 * @param csrfToken the session's CSRF token; empty with the operator
 */
public record Frame(String title, String section, Optional<String> operator, Optional<String> csrfToken) {
    /** The navigation, in its order: path under {@code /console}, label. */
    public static final java.util.List<Section> SECTIONS = java.util.List.of(
            new Section("", "Review"),
            new Section("/instances", "Instances"),
            new Section("/accounts", "Accounts"),
            new Section("/overview", "Overview"),
            new Section("/audit", "Audit"));

    public record Section(String path, String label) {
    }

    public Frame {
        Objects.requireNonNull(title);
        Objects.requireNonNull(section);
        Objects.requireNonNull(operator);
        Objects.requireNonNull(csrfToken);
    }

    /** A page of a signed-in operator. */
    public static Frame signedIn(String title, String section, String operator, String csrfToken) {
        return new Frame(title, section, Optional.of(operator), Optional.of(csrfToken));
    }

    /** A page shown before (or without) a session. */
    public static Frame signedOut(String title) {
        return new Frame(title, "", Optional.empty(), Optional.empty());
    }

    /** The CSRF token every form carries; only pages of a signed-in operator have forms that change anything. */
    public String csrf() {
        return csrfToken.orElse("");
    }

    public boolean isSignedIn() {
        return operator.isPresent();
    }
}
