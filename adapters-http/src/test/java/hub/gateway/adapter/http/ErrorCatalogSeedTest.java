package hub.gateway.adapter.http;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the catalogue against the public documentation, all five columns: code, status and message from the seed's
 * error table, action and risk score from its example bodies (read from the document, never typed again here).
 */
class ErrorCatalogSeedTest {
    private final SeedDocument seed = SeedDocument.load();

    @Test
    void every_row_of_the_seed_table_is_in_the_catalogue_with_its_status_and_exact_message() {
        Map<String, SeedDocument.Row> rows = seed.errorTable();
        // Guards against a parser that silently reads nothing.
        assertEquals(14, rows.size(), "rows read from the seed table: " + rows.keySet());
        for (SeedDocument.Row row : rows.values()) {
            ErrorCatalog entry = byCode(row.code());
            assertEquals(row.status(), entry.status(), row.code());
            assertEquals(row.message(), entry.message(), row.code());
            assertEquals(row.code(), entry.code());
        }
    }

    @Test
    void every_example_body_of_the_seed_has_the_catalogue_action_and_risk_score() {
        List<JsonObject> examples = seed.errorExamples();
        assertEquals(8, examples.size());
        for (JsonObject example : examples) {
            ErrorCatalog entry = byCode(example.getString("error"));
            JsonObject details = example.getJsonObject("details");
            assertEquals(details.getString("action"), entry.action().wireName(), entry.code());
            assertEquals(details.getInt("risk_score"), entry.riskScore(), entry.code());
        }
    }

    /** Every row of the seed's table with an example body has all five columns checked against the document. */
    @Test
    void every_seed_row_with_an_example_is_checked_in_all_five_columns() {
        Map<String, SeedDocument.Row> rows = seed.errorTable();
        Map<String, JsonObject> examples = seed.errorExamples().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getString("error"), e -> e));
        assertTrue(rows.keySet().containsAll(examples.keySet()), "every example's code is in the table: " + examples.keySet());
        for (String code : examples.keySet()) {
            ErrorCatalog entry = byCode(code);
            SeedDocument.Row row = rows.get(code);
            JsonObject details = examples.get(code).getJsonObject("details");
            assertEquals(List.of(row.code(), row.status(), row.message(), details.getString("action"), details.getInt("risk_score")),
                    List.of(entry.code(), entry.status(), entry.message(), entry.action().wireName(), entry.riskScore()), code);
        }
    }

    @Test
    void every_example_body_of_the_seed_carries_the_catalogue_message() {
        List<JsonObject> examples = seed.errorExamples();
        assertEquals(8, examples.size());
        for (JsonObject example : examples) {
            ErrorCatalog entry = byCode(example.getString("error"));
            assertEquals(example.getString("message"), entry.message());
        }
    }

    @Test
    void every_error_code_has_its_own_row_with_its_wire_name() {
        // The codes of the seed and every code a refusal is answered with.
        java.util.Set<String> errorCodes = new java.util.HashSet<>(seed.errorTable().keySet());
        for (hub.gateway.domain.send.Refusal refusal : RefusalAnswersTest.oneOfEach()) {
            Answer answer = ErrorAnswers.refusal(refusal);
            String code = RefusalAnswersTest.body(answer).getString("error");
            errorCodes.add(code);
            assertEquals(byCode(code).status(), answer.status(), code);
        }
        // A wire code may have several rows only outside the seed and the error codes, with one status and
        // different texts (the admin API's conflicts); the rows of the seed's codes are one each.
        Map<String, List<ErrorCatalog>> byCode = Arrays.stream(ErrorCatalog.values())
                .collect(java.util.stream.Collectors.groupingBy(ErrorCatalog::code));
        byCode.forEach((code, entries) -> {
            assertEquals(1, entries.stream().map(ErrorCatalog::status).distinct().count(), code + ": one status");
            assertEquals(entries.size(), entries.stream().map(ErrorCatalog::message).distinct().count(), code + ": distinct texts");
            if (entries.size() > 1) {
                assertFalse(errorCodes.contains(code), code + " is an error code");
            }
        });
        assertEquals(List.of(ErrorCatalog.CONFLICT, ErrorCatalog.NOT_A_SANDBOX_INSTANCE, ErrorCatalog.OPERATOR_NAME_TAKEN,
                ErrorCatalog.BUILT_IN_OPERATOR, ErrorCatalog.NO_TEMPLATES_TO_SYNC), byCode.get("conflict"));
    }

    @Test
    void texts_outside_the_seed_are_written_and_statuses_are_errors() {
        for (ErrorCatalog entry : ErrorCatalog.values()) {
            assertFalse(entry.message().isBlank(), entry.code());
            assertTrue(entry.status() >= 400 && entry.status() < 600, entry.code());
        }
        assertEquals(401, ErrorCatalog.UNAUTHORIZED.status());
        assertEquals("A valid admin token is required.", ErrorCatalog.UNAUTHORIZED.message());
        assertEquals(409, ErrorCatalog.CONFLICT.status());
        // The provider webhooks' rows: the admin API's 401 code with the signature's text, and their own 403.
        assertEquals("unauthorized", ErrorCatalog.WEBHOOK_SIGNATURE_INVALID.code());
        assertEquals(401, ErrorCatalog.WEBHOOK_SIGNATURE_INVALID.status());
        assertEquals("forbidden", ErrorCatalog.SUBSCRIPTION_FORBIDDEN.code());
        assertEquals(403, ErrorCatalog.SUBSCRIPTION_FORBIDDEN.status());
    }

    private static ErrorCatalog byCode(String code) {
        return Arrays.stream(ErrorCatalog.values()).filter(e -> e.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("catalogue has no row for " + code));
    }
}
