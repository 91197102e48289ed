package hub.gateway.adapter.http;

import hub.gateway.domain.message.FieldError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen's bounds at their edges; the rules themselves are tested through a server in HostileInputTest. */
class JsonScreenTest {

    @Test
    void the_depth_bound_counts_the_top_level_value_as_level_one() {
        assertInstanceOf(JsonScreen.Verdict.Acceptable.class, inspect("[".repeat(32) + "]".repeat(32)));
        assertInstanceOf(JsonScreen.Verdict.TooDeep.class, inspect("[".repeat(33) + "]".repeat(33)));
        assertInstanceOf(JsonScreen.Verdict.TooDeep.class, inspect("{\"a\":".repeat(32) + "[]" + "}".repeat(32)));
        // The bound is on depth, not on how many containers a body has.
        assertInstanceOf(JsonScreen.Verdict.Acceptable.class, inspect("[" + "[],".repeat(5_000) + "[]]"));
    }

    @Test
    void numbers_are_bounded_by_their_digits_whatever_their_notation() {
        for (String modest : List.of("0", "-0", "999999999999999", "-999999999999999", "1e14", "1.5e3", "10000000",
                "0.12345678901234567890", "1e-20", "0e10", "123.450")) {
            assertTrue(JsonScreen.isModestNumber(modest), modest);
        }
        for (String huge : List.of("1000000000000000", "1e15", "0.123456789012345678901", "1e-21", "1e99999", "-1e-99999",
                "0e999999999", "0e-999999999", "1e2147483648", "1" + "0".repeat(5_000))) {
            assertFalse(JsonScreen.isModestNumber(huge), huge);
        }
    }

    @Test
    void every_offending_place_is_named_by_its_path_and_the_list_is_bounded() {
        JsonScreen.Verdict verdict = inspect("{\"a\": {\"b\": [1, true, \"\\u0000\"]}, \"k\\u0000\": null, \"n\": 1e999}");
        assertEquals(List.of(new FieldError("a.b[2]", JsonScreen.NUL_IN_VALUE),
                        new FieldError("k\\u0000", JsonScreen.NUL_IN_NAME),
                        new FieldError("n", JsonScreen.NUMBER_TOO_LARGE)),
                ((JsonScreen.Verdict.Unacceptable) verdict).fields());

        assertEquals(List.of(new FieldError("(body)", JsonScreen.NUL_IN_VALUE)),
                ((JsonScreen.Verdict.Unacceptable) inspect("\"\\u0000\"")).fields());

        String many = "[" + "\"\\u0000\",".repeat(100) + "1]";
        assertEquals(JsonScreen.MAX_LISTED_FIELDS, ((JsonScreen.Verdict.Unacceptable) inspect(many)).fields().size());
    }

    @Test
    void grammar_is_not_the_screens_business() {
        for (String broken : List.of("", "{", "{} {}", "{\"a\" 1}", "\u0000", "nul")) {
            assertInstanceOf(JsonScreen.Verdict.NotJson.class, inspect(broken), broken);
        }
    }

    private static JsonScreen.Verdict inspect(String json) {
        return JsonScreen.inspect(json.getBytes(StandardCharsets.UTF_8));
    }
}
