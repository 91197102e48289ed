package hub.gateway.domain.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links judged by where they lead: look-alikes of brands, free hosting, chat links, new hosts. */
class LinkDestinationsTest {
    private static final Map<Character, Character> CYRILLIC = Map.of('а', 'a', 'р', 'p', 'о', 'o');
    private static final LinkDestinations DESTINATIONS = new LinkDestinations(List.of(
            new LinkDestinations.Brand("Al Rajhi Bank", Set.of("alrajhi"), Set.of("alrajhibank.com.sa")),
            new LinkDestinations.Brand("PayPal", Set.of("paypal"), Set.of("paypal.com")),
            new LinkDestinations.Brand("stc", Set.of("stc"), Set.of("stc.com.sa")),
            new LinkDestinations.Brand("Aramex", Set.of("aramex"), Set.of("aramex.com"))),
            90, Set.of("netlify.app", "sites.google.com"), 45, Set.of("wa.me"), 35, 10, Duration.ofDays(30),
            host -> {
                StringBuilder latin = new StringBuilder();
                host.chars().forEach(c -> latin.append(CYRILLIC.getOrDefault((char) c, (char) c)));
                return latin.toString();
            });
    private static final LinkRules LINKS = new LinkRules(Set.of("bit.ly"), 80, 80, 80, 90, 80, 40, Set.of("login"),
            DESTINATIONS);

    @Test
    void aBrandsOwnDomainsAndTheirSubdomainsAreNoLookAlike() {
        assertEquals(List.of(), DESTINATIONS.judge("alrajhibank.com.sa"));
        assertEquals(List.of(), DESTINATIONS.judge("online.alrajhibank.com.sa"));
        assertEquals(List.of(), DESTINATIONS.judge("moi.gov.kw"), "a government's own second-level domain");
    }

    @Test
    void aBrandsNameInsideAnotherDomainIsALookAlikeNamedWithTheBrand() {
        RiskSignal signal = DESTINATIONS.judge("alrajhi-bank-sa.com").getFirst();
        assertEquals("lookalike_link", signal.name());
        assertEquals(90, signal.weight());
        assertTrue(signal.evidence().contains("Al Rajhi Bank") && signal.evidence().contains("alrajhibank.com.sa"), signal.evidence());
        assertEquals("lookalike_link", DESTINATIONS.judge("alrajhibank.com.sa.verify-now.help").getFirst().name());
        assertEquals("lookalike_link", DESTINATIONS.judge("stc-pay.info").getFirst().name(), "a short name as a part");
        assertEquals(List.of(), DESTINATIONS.judge("mystcafe.com"), "a short name inside a word is not the brand");
    }

    @Test
    void aDomainALetterOrTwoAwayOrWithDigitsForLettersIsALookAlike() {
        assertTrue(DESTINATIONS.judge("alrajihbank.com").getFirst().evidence().contains("looks like alrajhibank.com.sa"),
                DESTINATIONS.judge("alrajihbank.com").toString());
        assertEquals("lookalike_link", DESTINATIONS.judge("paypa1.com").getFirst().name());
        assertEquals("lookalike_link", DESTINATIONS.judge("arramex.com").getFirst().name());
    }

    @Test
    void anInternationalisedDomainWhoseLettersOnlyLookLikeTheBrandsIsALookAlike() {
        RiskSignal signal = DESTINATIONS.judge("раypal.com").getFirst();
        assertEquals("lookalike_link", signal.name());
        assertTrue(signal.evidence().contains("PayPal"), signal.evidence());
    }

    @Test
    void freeHostingIsASignalOfItsOwn() {
        assertEquals(List.of(new RiskSignal("free_hosting_link", 45, "track-my-parcel.netlify.app is on free hosting (netlify.app)")),
                DESTINATIONS.judge("track-my-parcel.netlify.app"));
    }

    @Test
    void chatLinksAndNewHostsAreLeftToTheGateWhichKnowsTheRecipientAndTheHosts() {
        LinkRules.Judged judged = LINKS.judge("Chat with us: https://wa.me/966500000000 or see https://shop.example.sa/a");
        assertEquals(List.of(), judged.signals());
        assertEquals(List.of(new ConditionalSignal.RecipientNeverWrote(),
                        new ConditionalSignal.HostNew("shop.example.sa", Duration.ofDays(30))),
                judged.conditional().stream().map(ConditionalSignal::condition).toList());
        assertEquals(List.of(), LINKS.judge("https://www.aramex.com/track/1").conditional(), "a brand's own host is known");
        assertEquals(List.of(new ConditionalSignal.HostNew("x.evil.example", Duration.ofDays(30))),
                LINKS.judge("https://a.b.x.evil.example/p").conditional().stream().map(ConditionalSignal::condition).toList(),
                "recorded by the last three labels");
    }

    @Test
    void aHostIsJudgedTheSameHoweverOftenAndHoweverManyHostsCameBetween() {
        List<RiskSignal> first = DESTINATIONS.judge("paypa1.com");
        assertEquals("lookalike_link", first.getFirst().name());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(List.of(), DESTINATIONS.judge("shop" + i + ".example.com"));
            assertEquals(1, DESTINATIONS.conditional("shop" + i + ".example.com").size());
        }
        assertEquals(first, DESTINATIONS.judge("paypa1.com"));
        assertEquals(List.of(), DESTINATIONS.conditional("paypal.com"), "a brand's own domain stays known");
    }
}
