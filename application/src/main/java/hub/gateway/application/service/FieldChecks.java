package hub.gateway.application.service;

import hub.gateway.application.port.in.Input;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Collects every failing field of an admin request, so that one answer lists them all. */
final class FieldChecks {
    private final List<FieldError> problems = new ArrayList<>();

    boolean failed() {
        return !problems.isEmpty();
    }

    List<FieldError> problems() {
        return List.copyOf(problems);
    }

    Optional<String> requiredText(String field, Input input, int maxLength) {
        if (input.isAbsent()) {
            return fail(field, "is required");
        }
        Optional<String> text = input.nonBlankText();
        if (text.isEmpty()) {
            return fail(field, "must be a non-empty string");
        }
        if (text.get().length() > maxLength) {
            return fail(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** Absent, null or blank: none; otherwise text of at most {@code maxLength} characters, stripped. */
    Optional<String> optionalNote(String field, Input input, int maxLength) {
        if (input.isAbsent() || input instanceof Input.Text text && text.value().isBlank()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip);
        if (text.isEmpty() || text.get().length() > maxLength) {
            return fail(field, "must be a string of at most " + maxLength + " characters");
        }
        return text;
    }

    /** Absent or null: none. The value is never echoed in the reason: it may be a secret. */
    Optional<String> optionalSecretText(String field, Input input, int maxLength) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip);
        if (text.isEmpty() || text.get().length() > maxLength) {
            return fail(field, "must be a non-empty string of at most " + maxLength + " characters");
        }
        return text;
    }

    Optional<ZoneId> optionalTimeZone(String field, Input input) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText();
        if (text.isEmpty()) {
            return fail(field, "must be an IANA time zone name such as Asia/Riyadh");
        }
        try {
            return Optional.of(ZoneId.of(text.get().strip()));
        } catch (DateTimeException e) {
            return fail(field, "must be an IANA time zone name such as Asia/Riyadh");
        }
    }

    Optional<String> optionalInstanceId(String field, Input input) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText();
        if (text.isEmpty() || !InstanceId.isWellFormed(text.get())) {
            return fail(field, "must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        return text;
    }

    Optional<Plan> requiredPlan(String field, Input input) {
        String allowed = Arrays.stream(Plan.values()).map(Plan::wireName).toList().toString();
        if (input.isAbsent()) {
            return fail(field, "is required, one of " + allowed);
        }
        Optional<Plan> plan = input.nonBlankText().flatMap(Plan::fromWireName);
        return plan.isPresent() ? plan : fail(field, "must be one of " + allowed);
    }

    Optional<String> optionalChoice(String field, Input input, Set<String> choices) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip);
        if (text.isEmpty() || !choices.contains(text.get())) {
            return fail(field, "must be one of " + new TreeSet<>(choices));
        }
        return text;
    }

    Optional<String> optionalWebhookUrl(String field, Input input) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip);
        if (text.isEmpty() || !isHttpUrl(text.get())) {
            return fail(field, "must be an absolute http or https URL");
        }
        return text;
    }

    /**
     * A server the gateway calls (a WAHA server): an absolute http or https URL with neither query, fragment nor
     * user info, kept without its trailing '/'. Unlike a client webhook it may be a private address: such an engine
     * usually runs beside the gateway.
     */
    Optional<String> optionalServerUrl(String field, Input input) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip)
                .filter(t -> t.length() <= 2000 && isHttpUrl(t) && isPlainBase(t));
        return text.isPresent() ? text.map(t -> t.replaceAll("/+$", ""))
                : fail(field, "must be an absolute http or https URL without query, fragment or user info");
    }

    private static boolean isPlainBase(String text) {
        URI uri = URI.create(text);
        return uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    }

    /** Missing keeps the current URL, null clears it. */
    Optional<String> webhookUrlChange(String field, Input input, Optional<String> current) {
        return switch (input) {
            case Input.Missing missing -> current;
            case Input.Null cleared -> Optional.empty();
            default -> optionalWebhookUrl(field, input).or(() -> current);
        };
    }

    /** Missing keeps the current override, null clears it, a number sets it. */
    Optional<Integer> limitChange(String field, Input input, Optional<Integer> current) {
        return switch (input) {
            case Input.Missing missing -> current;
            case Input.Null cleared -> Optional.empty();
            default -> {
                Optional<Integer> value = ClientReadService.wholeNumber(input).filter(LimitOverrides::isSensible);
                if (value.isEmpty() || !(input instanceof Input.Number)) {
                    fail(field, "must be a whole number from 1 to " + LimitOverrides.MAX_LIMIT + ", or null to use the plan's");
                    yield current;
                }
                yield value;
            }
        };
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Absent or null: none; otherwise a provider's id (letters, digits, '_' or '-', at most 64): it becomes part of
     * a request path at the provider, so nothing else is kept.
     */
    Optional<String> optionalProviderId(String field, Input input) {
        if (input.isAbsent()) {
            return Optional.empty();
        }
        Optional<String> text = input.nonBlankText().map(String::strip).filter(t -> t.matches("[0-9A-Za-z_-]{1,64}"));
        return text.isPresent() ? text : fail(field, "must be the id as the provider shows it: 1-64 letters, digits, '_' or '-'");
    }

    <T> Optional<T> fail(String field, String reason) {
        problems.add(new FieldError(field, reason));
        return Optional.empty();
    }
}
