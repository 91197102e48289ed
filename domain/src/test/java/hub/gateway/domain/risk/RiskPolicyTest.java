package hub.gateway.domain.risk;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskPolicyTest {
    private final RiskPolicy policy = RiskPolicy.defaults();

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
        assertEquals("discount*", label.signals().getFirst().evidence());
        // "sale" is a word here only as part of "wholesale", so it does not count.
        assertEquals(RiskAssessment.CLEAN, policy.assess("Your wholesale invoice INV-77 is ready", BehaviourFacts.NONE));
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
        assertTrue(policy.pauseForViolations(4, violation).isEmpty());
        RiskAssessment paused = policy.pauseForViolations(5, violation).orElseThrow();
        assertEquals(RiskAction.PAUSE_INSTANCE, paused.action());
        assertEquals(100, paused.score());
        RiskAssessment duplicate = policy.duplicateContent(26, RiskAssessment.CLEAN);
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
                String regex = pattern.pattern().toString();
                assertTrue(regex.chars().noneMatch(c -> "\u0622\u0623\u0625\u0671\u0649\u0629\u0640".indexOf(c) >= 0
                        || (c >= '\u064B' && c <= '\u065F') || c == '\u0670'), regex);
            }
        }
        assertSignal("خصم يصل إلى ٥٠٪ على كل المعروضات", "promotional_language", "خصم, خصم يصل الي ٥٠٪");
    }

    @Test
    void aBrokenPolicyFileNamesTheKeyAtFault() {
        RiskPolicy.PolicyException missing = assertThrows(RiskPolicy.PolicyException.class,
                () -> RiskPolicy.parse(new StringReader("block.score=80\n")));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        RiskPolicy.PolicyException badWeight = assertThrows(RiskPolicy.PolicyException.class,
                () -> RiskPolicy.parse(new StringReader("block.score=80\nsignal.promotional_language.cap=100\n"
                        + "signal.promotional_language.phrases=buy now:lots\n")));
        assertTrue(badWeight.getMessage().startsWith("signal.promotional_language.phrases"), badWeight.getMessage());
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
