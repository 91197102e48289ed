package hub.gateway.domain.template;

import hub.gateway.domain.message.MessagePurpose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {
    private static final TemplateKey ORDER = new TemplateKey("order_shipped", "en_US");

    private static Template utility(String body) {
        return new Template(ORDER, TemplateCategory.UTILITY, new TemplateBody(body), List.of(), TemplateStatus.APPROVED);
    }

    @Test
    void placeholdersAreCountedOncePerNumberAndMayRepeat() {
        assertEquals(0, new TemplateBody("Your order has been shipped.").placeholders());
        assertEquals(2, new TemplateBody("Order {{1}} for {{2}}: {{1}} is on its way.").placeholders());
    }

    @Test
    void aBodyNumbersItsPlaceholdersFromOneWithoutGapsAndHasNoStrayBraces() {
        assertEquals(Optional.of("placeholders must be numbered from {{1}} without gaps"),
                TemplateBody.problemWith("Order {{2}} shipped"));
        assertEquals(Optional.of("placeholders must be numbered from {{1}} without gaps"),
                TemplateBody.problemWith("{{1}} and {{3}}"));
        for (String stray : List.of("Hello {{name}}", "Hello {{ 1 }}", "Hello {{1}", "Hello {1}}", "{{0}} x", "{{01}}")) {
            assertTrue(TemplateBody.problemWith(stray).isPresent(), stray);
        }
        assertEquals(Optional.of("must not be blank"), TemplateBody.problemWith("  "));
        assertEquals(Optional.of("must be at most 1024 characters"), TemplateBody.problemWith("x".repeat(1_025)));
        assertEquals(Optional.empty(), TemplateBody.problemWith("x".repeat(1_024)));
    }

    @Test
    void renderingFillsEachPlaceholderWithItsParameterAsPlainText() {
        RenderedTemplate rendered = utility("Order {{1}} ships on {{2}}; order {{1}} is insured.")
                .render(List.of("#2041 $1 \\n", "Monday"));

        assertEquals("Order #2041 $1 \\n ships on Monday; order #2041 $1 \\n is insured.", rendered.text().value());
        assertEquals(List.of("#2041 $1 \\n", "Monday"), rendered.parameters());
        assertEquals(ORDER, rendered.key());
    }

    @Test
    void aParameterThatLooksLikeAPlaceholderIsNotFilledAgain() {
        assertEquals("A {{2}} B x", utility("A {{1}} B {{2}}").render(List.of("{{2}}", "x")).text().value());
    }

    @Test
    void theNumberOfParametersMustMatchThePlaceholders() {
        Template template = utility("Order {{1}} ships on {{2}}.");

        assertEquals(Optional.of("takes 2 parameters, 1 given"), template.problemWith(List.of("#1")));
        assertEquals(Optional.of("takes 2 parameters, 3 given"), template.problemWith(List.of("a", "b", "c")));
        assertEquals(Optional.of("takes 1 parameter, 0 given"), utility("Hi {{1}}").problemWith(List.of()));
        assertThrows(IllegalArgumentException.class, () -> template.render(List.of("#1")));
    }

    @Test
    void aParameterIsOneLineOfPlainTextAsWhatsAppTakesIt() {
        Template template = utility("Hello {{1}}");

        assertEquals(Optional.of("parameter 1 must not be blank"), template.problemWith(List.of(" ")));
        assertEquals(Optional.of("parameter 1 must be on one line: no line breaks, tabs or other control characters"),
                template.problemWith(List.of("a\nb")));
        assertTrue(template.problemWith(List.of("a\tb")).isPresent());
        assertEquals(Optional.of("parameter 1 must not have more than four spaces in a row"),
                template.problemWith(List.of("a     b")));
        assertEquals(Optional.empty(), template.problemWith(List.of("a    b")));
        assertEquals(Optional.of("parameter 1 must be at most 1024 characters"), template.problemWith(List.of("x".repeat(1_025))));
    }

    @Test
    void theRenderedTextMustBeAMessageTheGatewaySends() {
        Template template = utility("{{1}} {{2}} {{3}} {{4}} {{5}}");
        List<String> long1000 = List.of("x".repeat(1_000), "x".repeat(1_000), "x".repeat(1_000), "x".repeat(1_000), "x".repeat(1_000));

        assertEquals(Optional.of("with its parameters must be at most 4096 characters"), template.problemWith(long1000));
    }

    @Test
    void anAuthenticationTemplateCarriesItsCodeFirstAndShort() {
        Template login = new Template(new TemplateKey("login_code", "en"), TemplateCategory.AUTHENTICATION,
                new TemplateBody("{{1}} is your verification code."),
                List.of(new TemplateButton(TemplateButton.Type.COPY_CODE, "Copy code", Optional.empty())),
                TemplateStatus.APPROVED);

        assertEquals(Optional.of("481516"), login.render(List.of("481516")).code());
        assertEquals(Optional.of("parameter 1, the code, must be at most 15 characters"),
                login.problemWith(List.of("1234567890123456")));
        assertEquals(Optional.empty(), utility("Hi {{1}}").render(List.of("x")).code());
        assertThrows(IllegalArgumentException.class, () -> new Template(login.key(), TemplateCategory.AUTHENTICATION,
                new TemplateBody("Your code is below."), List.of(), TemplateStatus.APPROVED));
    }

    @Test
    void theRenderedTemplateNeverPrintsItsParameters() {
        String printed = utility("Code {{1}}").render(List.of("481516")).toString();
        assertTrue(!printed.contains("481516"), printed);
    }

    @Test
    void namesAndLanguagesFollowMetasRules() {
        assertTrue(TemplateKey.nameProblem("Order Shipped").isPresent());
        assertTrue(TemplateKey.nameProblem("x".repeat(513)).isPresent());
        assertEquals(Optional.empty(), TemplateKey.nameProblem("order_shipped_2"));
        for (String language : List.of("en", "en_US", "pt_BR", "fil", "zh_HK")) {
            assertEquals(Optional.empty(), TemplateKey.languageProblem(language), language);
        }
        for (String language : List.of("", "EN", "en-US", "english", "en_US_x")) {
            assertTrue(TemplateKey.languageProblem(language).isPresent(), language);
        }
    }

    @Test
    void buttonsAndStatusesAndCategories() {
        assertTrue(TemplateButton.problemWith(TemplateButton.Type.URL, "Track", Optional.empty()).isPresent());
        assertTrue(TemplateButton.problemWith(TemplateButton.Type.QUICK_REPLY, "x".repeat(26), Optional.empty()).isPresent());
        assertTrue(TemplateButton.problemWith(TemplateButton.Type.COPY_CODE, "Copy", Optional.of("x")).isPresent());
        assertEquals(Optional.of(TemplateStatus.APPROVED), TemplateStatus.fromWireName("REINSTATED"));
        assertEquals(Optional.of(TemplateStatus.PAUSED), TemplateStatus.fromWireName("PAUSED"));
        assertEquals(Optional.empty(), TemplateStatus.fromWireName("SOMETHING_NEW"));
        assertTrue(TemplateStatus.APPROVED.sendable());
        assertTrue(!TemplateStatus.FLAGGED.sendable() && !TemplateStatus.PENDING.sendable());
        assertEquals(TemplateCategory.AUTHENTICATION, TemplateCategory.requiredFor(MessagePurpose.AUTHENTICATION));
        assertEquals(TemplateCategory.UTILITY, TemplateCategory.requiredFor(MessagePurpose.TRANSACTIONAL));
        assertEquals(Optional.of(TemplateCategory.MARKETING), TemplateCategory.fromWireName("MARKETING"));
    }
}
