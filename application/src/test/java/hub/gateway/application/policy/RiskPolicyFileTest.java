package hub.gateway.application.policy;

import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.ContentSignal;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.risk.RiskSignal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped policy file, read as the gateway reads it, and the faults a policy file of an operator's may have. */
class RiskPolicyFileTest {
    private final RiskPolicy policy = RiskPolicyFile.defaults();

    @Test
    void anOrdinaryOrderUpdateScoresNothing() {
        assertEquals(RiskAssessment.CLEAN, policy.assess(
                "Your order #2041 has been shipped. Track it at https://shop.example.com/orders/2041", BehaviourFacts.NONE));
        assertEquals(RiskAssessment.CLEAN, policy.assess("طلبك رقم 2041 في الطريق إليك", BehaviourFacts.NONE));
    }

    @Test
    void phrasesMatchWordsNotSubstrings() {
        RiskAssessment label = policy.assess("Your discounted shipping label is attached to your order #5521", BehaviourFacts.NONE);
        assertEquals(RiskAction.ALLOW, label.action());
        assertTrue(label.score() > 0, "weighed, not ignored");
        assertTrue(label.signals().getFirst().evidence().startsWith("discount*"), label.signals().toString());
        // "sale" is a word here only as part of "wholesale", so it does not count.
        assertTrue(policy.contentSignals("Your wholesale invoice INV-77 is ready").stream()
                .noneMatch(s -> s.name().equals("promotional_language")));
    }

    /**
     * A receipt that names a discount already applied invites nothing: the mention weighs a fifth, and the evidence
     * says why. The same words with an invitation weigh fully.
     */
    @Test
    void aReportedTransactionWeighsItsMentionsLessAndSaysSo() {
        List<RiskSignal> receipt = policy.contentSignals("Order #2041: your 20% discount was applied, amount charged SAR 96.");
        RiskSignal promotional = receipt.stream().filter(s -> s.name().equals("promotional_language")).findFirst().orElseThrow();
        assertTrue(promotional.evidence().contains("reports a transaction") && promotional.evidence().contains("order #2041"),
                promotional.evidence());
        List<RiskSignal> offer = policy.contentSignals("Your 20% discount is waiting: use it on your next order, shop now.");
        RiskSignal invited = offer.stream().filter(s -> s.name().equals("promotional_language")).findFirst().orElseThrow();
        assertFalse(invited.evidence().contains("reports a transaction"), invited.evidence());
        assertTrue(invited.weight() > promotional.weight() + 40, receipt + " / " + offer);
        assertTrue(policy.contentSignals("طلبك رقم 2041: تم تطبيق خصم 20%، المبلغ المدفوع 96 ريال").stream()
                .anyMatch(s -> s.evidence().contains("reports a transaction")));
    }

    /** The shipped tables and lists read what spam writes to slip past, and say what they undid. */
    @Test
    void disguisedSpamIsReadAndTheDisguiseIsASignal() {
        List<RiskSignal> signals = policy.contentSignals("ＦＲＥＥ gift for you: 5O% 0FF, d1sc0unt c0de inside");
        RiskSignal disguised = signals.stream().filter(s -> s.name().equals("disguised_text")).findFirst().orElseThrow();
        assertTrue(disguised.evidence().contains("→ free") && disguised.evidence().contains("→ off"), disguised.evidence());
        assertTrue(signals.stream().anyMatch(s -> s.name().equals("promotional_language") && s.evidence().contains("50% off")),
                signals.toString());
        assertTrue(policy.read("Big Ѕаlе") .equals("big sale"), "Cyrillic look-alikes read as Latin: " + policy.read("Big Ѕаlе"));
        assertEquals("خصم", policy.read("خـ.ـصـ.ـم"));
        assertEquals(RiskAction.BLOCK, policy.assess("ＦＲＥＥ gift for you: 5O% 0FF everything, shop now", BehaviourFacts.NONE).action());
    }

    @Test
    void linksAreJudgedByWhereTheyLead() {
        RiskSignal lookAlike = policy.contentSignals("Your card is blocked, verify at https://alrajhi-secure-sa.com/login").stream()
                .filter(s -> s.name().equals("lookalike_link")).findFirst().orElseThrow();
        assertTrue(lookAlike.evidence().contains("Al Rajhi"), lookAlike.evidence());
        assertTrue(policy.contentSignals("Track it at https://www.aramex.com/track/123").stream()
                .noneMatch(s -> s.name().equals("lookalike_link")), "a brand's own domain");
        assertTrue(policy.contentSignals("Pay the fee at spl-delivery.netlify.app").stream()
                .anyMatch(s -> s.name().equals("free_hosting_link")));
    }

    @Test
    void arabiziIsReadAsArabicAndItsPhrasesCountAsTheirArabicTwins() {
        List<RiskSignal> signals = policy.contentSignals("yalla ta5fedat 3la kol shi, el 3ard la fatra ma7doda");
        RiskSignal promotional = signals.stream().filter(s -> s.name().equals("promotional_language")).findFirst().orElseThrow();
        assertTrue(promotional.evidence().contains("(Arabizi)"), promotional.evidence());
    }

    @Test
    void theLearnedSignalNamesTheNgramsThatWeighedMost() {
        RiskAssessment assessment = policy.assess("هلا والله، وصلتنا تشكيلة جديدة من العود والبخور، الكمية بسيطة والحق عليها قبل تخلص",
                BehaviourFacts.NONE);
        RiskSignal learned = assessment.signals().stream().filter(s -> s.name().equals("learned_model")).findFirst().orElseThrow();
        assertTrue(learned.evidence().matches("[01]\\.\\d\\d likely spam \\(model \\d+\\): '.+'.*"), learned.evidence());
    }

    @Test
    void bulkMarketingIsBlockedInEnglishAndArabic() {
        assertBlocked("BIG SALE!!! 50% OFF everything, shop now before it ends", "promotional_language");
        assertBlocked("عرض خاص لفترة محدودة: خصم 50% على جميع المنتجات، اشتر الآن", "promotional_language");
        assertBlocked("تخفيضات الجمعة البيضاء بدأت! لا تفوتوا العروض", "promotional_language");
    }

    /** Java's \b knows only ASCII word characters, so the Arabic words of a pattern must not sit behind one. */
    @Test
    void aCouponCodeIsSeenAfterTheArabicWordForCodeToo() {
        assertTrue(policy.contentSignals("استخدم كود: save20 عند الدفع").stream()
                .anyMatch(s -> s.evidence().contains("كود: save20")), policy.contentSignals("استخدم كود: save20").toString());
        assertTrue(policy.contentSignals("use code save20 at checkout").stream()
                .anyMatch(s -> s.evidence().contains("code save20")));
        assertTrue(policy.contentSignals("your barcode ab12 is attached").stream()
                .noneMatch(s -> s.evidence().contains("code ab12")), "code inside a word is not the word code");
    }

    @Test
    void arabicWordsMatchWithPrefixesAndAnySpelling() {
        List<RiskSignal> signals = policy.contentSignals("والتخفيضات بأقوى العروض");
        assertEquals("promotional_language", signals.getFirst().name());
        assertTrue(signals.getFirst().evidence().contains("تخفيضات"));
    }

    @Test
    void politicalCampaigningAndScamsAreBlocked() {
        assertBlocked("Vote for Ahmed Saleh in the municipal elections this Thursday", "political_campaigning");
        assertBlocked("صوتوا لمرشحنا في الانتخابات البلدية", "political_campaigning");
        assertBlocked("Congratulations! You have won an iPhone 15. Claim your prize today", "scam");
        assertBlocked("Guaranteed returns of 30% a month, double your bitcoin", "scam");
    }

    @Test
    void linksThatHideWhereTheyGoAreSignals() {
        assertSignal("Track your parcel: bit.ly/3xYz", "shortened_link", "bit.ly");
        assertSignal("Log in at http://185.23.44.10/login now", "raw_ip_link", "185.23.44.10");
        assertSignal("See http://xn--pple-43d.com/id", "punycode_link", "xn--pple-43d.com");
        assertSignal("See https://\u0430pple.com/id", "punycode_link", "\u0430pple.com"); // a Cyrillic "а"
        assertSignal("Verify at https://paypal.com@evil.example/verify", "userinfo_link", "paypal.com@evil.example");
        assertSignal("Please login at http://secure-bank.example/login", "insecure_login_link", "secure-bank.example");
        assertTrue(policy.contentSignals("Reset it at https://app.example.sa/account/password").isEmpty(),
                "https to the client's own domain is fine");
    }

    @Test
    void anInstanceWithManyFailedDeliveriesOrOptOutsIsPaused() {
        assertEquals(RiskAction.PAUSE_INSTANCE, policy.assess("Your code is 1234", new BehaviourFacts(50, 10, 0, 0)).action());
        assertEquals(RiskAction.ALLOW, policy.assess("Your code is 1234", new BehaviourFacts(50, 9, 0, 0)).action());
        assertEquals(RiskAction.ALLOW, policy.assess("Your code is 1234", new BehaviourFacts(10, 5, 0, 0)).action(),
                "too few deliveries to judge");
        assertEquals(RiskAction.PAUSE_INSTANCE, policy.assess("Your code is 1234", new BehaviourFacts(0, 0, 5, 100)).action());
        assertEquals(RiskAction.ALLOW, policy.assess("Your code is 1234", new BehaviourFacts(0, 0, 5, 200)).action());
        assertEquals(RiskAction.ALLOW, policy.assess("Your code is 1234", new BehaviourFacts(0, 0, 4, 10)).action());
    }

    @Test
    void repeatedViolationsPauseAndDuplicateContentBlocksAlone() {
        RiskAssessment violation = new RiskAssessment(90, RiskAction.BLOCK, List.of(new RiskSignal("scam", 90, "you have won")));
        assertTrue(policy.repeatedViolations().assess(4, violation).isEmpty());
        RiskAssessment paused = policy.repeatedViolations().assess(5, violation).orElseThrow();
        assertEquals(RiskAction.PAUSE_INSTANCE, paused.action());
        assertEquals(100, paused.score());
        RiskAssessment duplicate = policy.duplicateContent().assess(26, RiskAssessment.CLEAN);
        assertEquals(RiskAction.BLOCK, duplicate.action());
        assertEquals("duplicate_content", duplicate.signals().getFirst().name());
    }

    /**
     * A pattern is searched in the folded text but is not folded itself: an Arabic letter that folding replaces
     * or removes ("حتى", "بـ") can never match there. The shipped "خصم يصل حتى 50%" was dead that way.
     */
    @Test
    void everyShippedPatternIsWrittenInTheLettersFoldingLeaves() {
        for (ContentSignal signal : policy.contentSignals()) {
            for (ContentSignal.WeightedPattern pattern : signal.patterns()) {
                String regex = pattern.regex();
                assertTrue(regex.chars().noneMatch(c -> "\u0622\u0623\u0625\u0671\u0649\u0629\u0640".indexOf(c) >= 0
                        || (c >= '\u064B' && c <= '\u065F') || c == '\u0670'), regex);
            }
        }
        assertSignal("خصم يصل إلى ٥٠٪ على كل المعروضات", "promotional_language", "خصم, خصم يصل الي ٥٠٪");
    }

    @Test
    void aBrokenPolicyFileNamesTheKeyAtFault() {
        RiskPolicyFile.PolicyException missing = assertThrows(RiskPolicyFile.PolicyException.class,
                () -> RiskPolicyFile.parse(new StringReader("block.score=80\n")));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        RiskPolicyFile.PolicyException badWeight = assertThrows(RiskPolicyFile.PolicyException.class,
                () -> RiskPolicyFile.parse(new StringReader("block.score=80\nsignal.promotional_language.cap=100\n"
                        + "signal.promotional_language.phrases=buy now:lots\n")));
        assertTrue(badWeight.getMessage().startsWith("signal.promotional_language.phrases"), badWeight.getMessage());
    }

    @Test
    void everyValueOutOfItsRangeIsRefusedWithItsKey() throws IOException {
        String shipped = shipped();
        assertEquals(80, RiskPolicyFile.parse(new StringReader(shipped)).blockScore(), "the shipped text parses");
        assertFault(shipped.replace("block.score=80", "block.score=0"), "block.score must be between 1 and 100, was 0");
        assertFault(shipped.replace("pause.failed_deliveries.share=0.20", "pause.failed_deliveries.share=1.5"),
                "pause.failed_deliveries.share must be a share above 0 and at most 1, was 1.5");
        assertFault(shipped.replace("pause.opt_outs.share=0.03", "pause.opt_outs.share=some"),
                "pause.opt_outs.share: 'some' is not a number");
        assertFault(shipped.replace("pause.violations.count=5", "pause.violations.count=lots"),
                "pause.violations.count: 'lots' is not a whole number");
        assertFault(shipped.replace("signal.promotional_language.phrases=\\", "signal.promotional_language.phrases=buy now:101 |\\"),
                "signal.promotional_language.phrases: weights are between 0 and 100, was 101");
        assertFault(shipped.replace("signal.promotional_language.phrases=\\", "signal.promotional_language.phrases=buy now |\\"),
                "signal.promotional_language.phrases: 'buy now' must be written phrase:weight");
        assertFault(shipped + "\nsignal.scam.pattern.99=(unclosed:20\n",
                "signal.scam.pattern.99: '(unclosed' is not a regular expression");
        assertFault(shipped + "\nsignal.scam.pattern.99=no weight\n",
                "signal.scam.pattern.99: 'no weight' must be written pattern:weight");
    }

    private static String shipped() throws IOException {
        try (InputStream in = RiskPolicyFile.class.getResourceAsStream(RiskPolicyFile.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertFault(String file, String message) {
        RiskPolicyFile.PolicyException fault = assertThrows(RiskPolicyFile.PolicyException.class,
                () -> RiskPolicyFile.parse(new StringReader(file)));
        assertTrue(fault.getMessage().startsWith(message), fault.getMessage());
    }

    private void assertBlocked(String text, String signal) {
        RiskAssessment assessment = policy.assess(text, BehaviourFacts.NONE);
        assertEquals(RiskAction.BLOCK, assessment.action(), text + " → " + assessment);
        assertTrue(assessment.score() >= 80);
        assertTrue(assessment.signals().stream().anyMatch(s -> s.name().equals(signal)), assessment.toString());
    }

    private void assertSignal(String text, String name, String evidence) {
        List<RiskSignal> signals = policy.contentSignals(text);
        assertTrue(signals.stream().anyMatch(s -> s.name().equals(name) && s.evidence().equals(evidence)), signals.toString());
        assertFalse(signals.isEmpty());
    }
}
