package hub.gateway.adapter.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which webhook URLs pass. Literal addresses need no network; only "localhost" and ".invalid" are looked up. */
class WebhookUrlPolicyTest {
    private final WebhookUrlPolicy strict = new WebhookUrlPolicy(false);
    private final WebhookUrlPolicy lenient = new WebhookUrlPolicy(true);

    @Test
    void only_http_and_https_with_a_host() {
        for (String url : List.of("ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/",
                "javascript:alert(1)", "93.184.216.34/hook", "http:///hook", "", "http://exa mple.com/")) {
            assertRefused(strict, url);
            assertRefused(lenient, url);
        }
        assertEquals(Optional.of("The webhook URL must use http or https."), strict.problemWith("ftp://93.184.216.34/"));
    }

    @Test
    void a_public_address_is_allowed() {
        assertEquals(Optional.empty(), strict.problemWith("http://93.184.216.34/"));
        assertEquals(Optional.empty(), strict.problemWith("HTTPS://93.184.216.34:8443/hooks/whatsapp?x=1"));
        assertEquals(Optional.empty(), strict.problemWith("https://[2606:2800:220:1:248:1893:25c8:1946]/hook"));
    }

    @Test
    void loopback_private_link_local_metadata_and_carrier_nat_are_refused() {
        List<String> urls = List.of("http://127.0.0.1/", "http://127.1.2.3:9000/", "http://[::1]/", "http://localhost/",
                "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/", "http://169.254.1.1/", "http://[fe80::1]/",
                "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fd00:ec2::254]/", "http://100.64.0.1/",
                "http://100.127.255.254/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
                "http://[::a00:1]/", "http://2130706433/");
        for (String url : urls) {
            assertRefused(strict, url);
            assertEquals(Optional.empty(), lenient.problemWith(url), url);
        }
        assertEquals(Optional.of("The webhook URL resolves to a cloud metadata address, which is not allowed."),
                strict.problemWith("http://169.254.169.254/"));
        assertEquals(Optional.of("The webhook URL resolves to a loopback address, which is not allowed."),
                strict.problemWith("http://127.0.0.1/"));
    }

    @Test
    void neighbours_of_the_private_ranges_are_public() {
        for (String url : List.of("http://172.32.0.1/", "http://172.15.255.255/", "http://100.128.0.1/",
                "http://100.63.255.255/", "http://11.0.0.1/", "http://[fe00::1]/")) {
            assertEquals(Optional.empty(), strict.problemWith(url), url);
        }
    }

    @Test
    void an_unresolvable_host_is_refused_even_when_private_is_allowed() {
        assertEquals(Optional.of("The webhook URL's host cannot be resolved."), strict.problemWith("https://no-such-host.invalid/hook"));
        assertEquals(Optional.of("The webhook URL's host cannot be resolved."), lenient.problemWith("https://no-such-host.invalid/hook"));
    }

    @Test
    void one_private_address_among_public_ones_refuses_the_url() {
        WebhookUrlPolicy policy = new WebhookUrlPolicy(false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")});
        assertEquals(Optional.of("The webhook URL resolves to a private address, which is not allowed."),
                policy.problemWith("https://rebinding.example/hook"));
    }

    @Test
    void credentials_in_the_url_are_refused() {
        assertRefused(strict, "https://user:pass@93.184.216.34/hook");
    }

    private static void assertRefused(WebhookUrlPolicy policy, String url) {
        Optional<String> problem = policy.problemWith(url);
        assertTrue(problem.isPresent(), url + " should be refused");
        assertTrue(problem.get().startsWith("The webhook URL"), problem.get());
    }
}
