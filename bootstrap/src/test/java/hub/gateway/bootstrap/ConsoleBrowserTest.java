package hub.gateway.bootstrap;

import static hub.gateway.bootstrap.GatewayUnderTest.onFreshDatabase;
import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator console (contract §12) in a real browser against a whole gateway on real PostgreSQL: sign-in (right,
 * wrong, revoked), the review the issue is done by (an instance paused by the rules, its evidence on the Review page,
 * resumed with a note, the audit log naming the operator and the note), and on every page visited no script error
 * and no request to another origin. What a browser would never send (a change without the CSRF token, a resume
 * without a note past the browser's own check) is sent over plain HTTP.
 *
 * <p>Screenshots: each page is saved under {@code target/browser/}; with {@code -Dconsole.screenshots=<dir>} also
 * into that folder, which is how {@code docs/console/*.png} are made (docs/console.md). Skipped, saying why, where
 * Debian's Chromium is not installed ({@link Browser}).
 */
class ConsoleBrowserTest {
    private static final String SPAM = "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now";
    private static final String COOKIE = "console_session";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger OPERATORS = new AtomicInteger();

    @RegisterExtension
    static final GatewayUnderTest gateway = onFreshDatabase();
    @RegisterExtension
    static final Browser browser = Browser.chromium();

    @Test
    void aRightTokenSignsInWithAStrictHttpOnlyCookieAndSignOutEndsIt() {
        Operator reviewer = newOperator("Layla");
        signIn(reviewer.token());

        browser.waitFor(By.id("review"));
        assertEquals(reviewer.name(), browser.driver().findElement(By.id("operator")).getText());
        Cookie cookie = browser.driver().manage().getCookieNamed(COOKIE);
        assertNotNull(cookie, "the session cookie");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/console", cookie.getPath());
        assertFalse(cookie.isSecure(), "not Secure over plain http");
        assertCleanPage();

        browser.driver().findElement(By.cssSelector("form.signout button")).click();
        browser.waitFor(By.id("signin"));
        assertNull(browser.driver().manage().getCookieNamed(COOKIE), "the cookie is gone");
        assertEquals(303, get("/console", cookie.getValue()).statusCode(), "the session is over on the server too");
    }

    @Test
    void aWrongTokenShowsAnErrorAndSetsNoCookie() {
        signIn("gop_not-a-token");

        WebElement error = browser.waitFor(By.id("signin-error"));
        assertFalse(error.getText().isBlank());
        assertNull(browser.driver().manage().getCookieNamed(COOKIE), "no cookie");
        assertNotNull(browser.driver().findElement(By.cssSelector("#signin input[name=token][type=password]")));
        screenshot("signin");
        assertCleanPage();
    }

    @Test
    void aRevokedOperatorsSessionEndsAtOnce() {
        Operator leaving = newOperator("Omar");
        signIn(leaving.token());
        browser.waitFor(By.id("review"));

        assertEquals(200, gateway.admin("POST", "/admin/operators/" + leaving.id() + "/revoke", "").status());
        browser.open(gateway.base + "/console/audit");

        browser.waitFor(By.id("signin"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/console/sign-in"), browser.driver().getCurrentUrl());
        assertCleanPage();
    }

    /** The issue's "Done when". */
    @Test
    void anOperatorSeesTheRulesPauseWithItsEvidenceResumesWithANoteAndTheAuditNamesThem() {
        Client spammer = pausedByTheRules("خط المتجر — Riyadh");
        Operator reviewer = newOperator("Noura");
        signIn(reviewer.token());

        WebElement entry = browser.waitFor(By.cssSelector("#review [data-instance-id='" + spammer.instanceId() + "']"));
        String evidence = entry.getText();
        assertTrue(evidence.contains("خط المتجر — Riyadh"), "the instance's name: " + evidence);
        assertTrue(evidence.contains("repeated_violations"), "the signal that paused it: " + evidence);
        assertTrue(evidence.contains("bit.ly"), "the link host: " + evidence);
        assertTrue(evidence.toLowerCase().contains("won"), "the matched phrase: " + evidence);
        assertTrue(evidence.contains("policy_violation"), "its recent refusals: " + evidence);
        assertEquals("auto", entry.findElement(By.cssSelector("h2 a")).getDomAttribute("dir"));
        assertCleanPage();
        screenshot("review");

        // Without a note the browser itself refuses (required): nothing is sent, the instance stays paused.
        WebElement note = entry.findElement(By.cssSelector("textarea[name=note]"));
        entry.findElement(By.cssSelector("button[name=resume]")).click();
        assertFalse(note.getDomProperty("validationMessage").isBlank(), "the browser's own check");
        assertEquals("paused_for_review", status(spammer));

        String why = "تم التحقق مع العميل: reminders only, the link was a test";
        note.sendKeys(why);
        entry.findElement(By.cssSelector("button[name=resume]")).click();
        browser.waitFor(By.id("resumed"));
        assertEquals("active", status(spammer));
        assertTrue(browser.driver().findElements(By.cssSelector("[data-instance-id='" + spammer.instanceId() + "']")).isEmpty(),
                "a resumed instance leaves the review");
        assertCleanPage();

        browser.driver().findElement(By.linkText("Audit")).click();
        WebElement row = browser.waitFor(By.cssSelector("#audit tbody tr.audit-entry"));
        assertEquals(List.of(reviewer.name(), "instance.resume", spammer.instanceId(), why),
                List.of(row.findElement(By.className("operator")).getText(), row.findElement(By.className("action")).getText(),
                        row.findElement(By.className("target")).getText(), row.findElement(By.className("note")).getText()),
                "the newest entry");
        assertCleanPage();
        screenshot("audit");

        JsonObject audited = gateway.admin("GET", "/admin/audit?limit=1", null).json().getJsonArray("entries").getJsonObject(0);
        assertEquals(reviewer.name(), audited.getString("operator"));
        assertEquals("instance.resume", audited.getString("action"));
        assertEquals(spammer.instanceId(), audited.getString("target"));
        assertEquals(why, audited.getString("note"));
    }

    /** What the browser's {@code required} stops, the page refuses too: a raw POST with no note changes nothing. */
    @Test
    void aResumeWithoutANoteIsRefusedByTheServerItself() throws Exception {
        Client spammer = pausedByTheRules("Shop line");
        Session session = session(newOperator("Sami"));

        for (String note : List.of("note=", "note=%20%0A%20", "")) {
            HttpResponse<String> refused = post("/console/review/" + spammer.instanceId() + "/resume", session.cookie(),
                    "csrf=" + session.csrf() + (note.isEmpty() ? "" : "&" + note));
            assertEquals(422, refused.statusCode(), note);
            assertTrue(refused.body().contains("A note is required"), refused.body());
        }
        assertEquals("paused_for_review", status(spammer));
    }

    /** A change with a live session's cookie but without its CSRF token is refused with 403 and changes nothing. */
    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        Client spammer = pausedByTheRules("Shop line");
        Session session = session(newOperator("Huda"));
        String resume = "/console/review/" + spammer.instanceId() + "/resume";

        for (String body : List.of("note=fine", "note=fine&csrf=", "note=fine&csrf=" + session.csrf() + "0",
                "note=fine&csrf=" + new StringBuilder(session.csrf()).reverse())) {
            HttpResponse<String> refused = post(resume, session.cookie(), body);
            assertEquals(403, refused.statusCode(), body);
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        }
        assertEquals(403, post("/console/sign-out", session.cookie(), "").statusCode());
        assertEquals("paused_for_review", status(spammer));
        assertEquals(200, get("/console", session.cookie()).statusCode(), "the session still stands");

        // The same request with the token: it goes through, so the refusals above were the token's.
        assertEquals(303, post(resume, session.cookie(), "note=fine&csrf=" + session.csrf()).statusCode());
        assertEquals("active", status(spammer));
    }

    @Test
    void theInstancesSearchFindsByNameAndTheInstancePageChangesLimitsAndBlocks() {
        Client wanted = gateway.newClient("starter");
        gateway.setLimits(wanted.instanceId(), "{\"name\": \"Clinic reminders " + wanted.instanceId() + "\"}");
        Client other = gateway.newClient("starter");
        signIn(newOperator("Rana").token());

        browser.driver().findElement(By.linkText("Instances")).click();
        WebElement search = browser.waitFor(By.cssSelector("#search input[name=q]"));
        search.sendKeys("REMINDERS " + wanted.instanceId());
        browser.driver().findElement(By.cssSelector("#search button")).click();
        browser.waitUntil("the search's answer", d -> d.getCurrentUrl().contains("q="));
        List<String> found = browser.driver().findElements(By.cssSelector("#instances tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-instance-id")).toList();
        assertEquals(List.of(wanted.instanceId()), found, "only the instance searched for, not " + other.instanceId());
        assertCleanPage();
        screenshot("instances");

        browser.driver().findElement(By.linkText(wanted.instanceId())).click();
        WebElement daily = browser.waitFor(By.id("daily_limit"));
        daily.clear();
        daily.sendKeys("123");
        browser.driver().findElement(By.cssSelector("#limits button")).click();
        waitForNotice("The plan and limits were saved.");
        assertEquals(123, gateway.admin("GET", "/admin/instances/" + wanted.instanceId(), null).json()
                .getJsonObject("limits").getInt("daily"));
        assertCleanPage();

        browser.driver().findElement(By.id("block-phone")).sendKeys("+966501110022");
        browser.driver().findElement(By.cssSelector("#block button")).click();
        waitForNotice("The recipient is blocked.");
        assertTrue(browser.driver().findElement(By.id("suppressions")).getText().contains("+966501110022"));
        browser.driver().findElement(By.cssSelector("#suppressions button")).click();
        waitForNotice("The block is lifted.");
        assertTrue(browser.driver().findElements(By.id("suppressions")).isEmpty()
                || !browser.driver().findElement(By.id("suppressions")).getText().contains("blocked"), "the block is lifted");
        assertCleanPage();
        screenshot("instance");
    }

    @Test
    void accountsAreCreatedAndAKeyIsShownOnceAndRevoked() {
        signIn(newOperator("Faisal").token());
        browser.driver().findElement(By.linkText("Accounts")).click();
        browser.waitFor(By.id("account-name")).sendKeys("عيادة الرياض");
        browser.driver().findElement(By.id("account-timezone")).sendKeys("Asia/Riyadh");
        browser.driver().findElement(By.cssSelector("#create-account button")).click();
        String accountId = browser.waitFor(By.id("account-id")).getText();
        assertCleanPage();

        browser.driver().findElement(By.cssSelector("#issue-key button")).click();
        String key = browser.waitFor(By.id("issued-key")).getText();
        assertTrue(key.startsWith("gk_"), key);
        assertCleanPage();
        screenshot("account");
        browser.open(gateway.base + "/console/accounts/" + accountId);
        assertFalse(browser.driver().findElement(By.tagName("body")).getText().contains(key), "shown only once");

        browser.driver().findElement(By.cssSelector("#keys button")).click();
        waitForNotice("The key is revoked");
        JsonObject listed = gateway.admin("GET", "/admin/accounts/" + accountId + "/api-keys", null).json()
                .getJsonArray("api_keys").getJsonObject(0);
        assertFalse(listed.isNull("revoked_at"), listed.toString());
        browser.driver().findElement(By.linkText("Accounts")).click();
        assertTrue(browser.waitFor(By.cssSelector("[data-account-id='" + accountId + "']")).getText().contains("عيادة الرياض"));
        assertCleanPage();
        screenshot("accounts");
    }

    /** The chart's bars, summed by outcome, grow by exactly the sends this test made. */
    @Test
    void theOverviewChartShowsBarsForTheSendsMade() {
        signIn(newOperator("Hala").token());
        java.util.Map<String, Long> before = chartTotals();

        Client client = gateway.newClient("scale");
        gateway.sendOfEachOutcome(client);

        java.util.Map<String, Long> after = chartTotals();
        assertEquals(java.util.Map.of("sent", 2L, "failed", 1L, "refused", 3L, "unknown", 0L),
                java.util.Map.of("sent", after.get("sent") - before.get("sent"), "failed", after.get("failed") - before.get("failed"),
                        "refused", after.get("refused") - before.get("refused"), "unknown", after.get("unknown") - before.get("unknown")),
                "the bars' growth by outcome");
        assertTrue(browser.driver().findElement(By.id("top-refusals")).getText().contains("daily_message_limit_exceeded"));
        assertCleanPage();
        screenshot("overview");
    }

    /**
     * Waits for the page after a change to say it went through. The notice is looked for anew at each try: the page
     * before the change may still be on screen (and may have a notice of its own), or go away while it is read.
     */
    private static void waitForNotice(String text) {
        browser.waitUntil("the notice \"" + text + "\"", d -> {
            try {
                return d.findElements(By.id("notice")).stream().anyMatch(notice -> notice.getText().contains(text));
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return false;
            }
        });
    }

    /** The overview's bars, their counts summed by outcome; an outcome without a bar is 0. */
    private static java.util.Map<String, Long> chartTotals() {
        browser.open(gateway.base + "/console/overview");
        browser.waitFor(By.id("sends-chart"));
        java.util.Map<String, Long> totals = new java.util.HashMap<>(java.util.Map.of("sent", 0L, "failed", 0L,
                "refused", 0L, "unknown", 0L));
        for (WebElement bar : browser.driver().findElements(By.cssSelector("#sends-chart rect"))) {
            assertTrue(Integer.parseInt(bar.getDomAttribute("height")) > 0, "a drawn bar");
            totals.merge(bar.getDomAttribute("data-outcome"), Long.parseLong(bar.getDomAttribute("data-count")), Long::sum);
        }
        assertCleanPage();
        return totals;
    }

    // --- helpers ---------------------------------------------------------------------------------------

    record Operator(String id, String name, String token) {
    }

    record Session(String cookie, String csrf) {
    }

    /** A new operator, named uniquely within the class's database. */
    private static Operator newOperator(String name) {
        String unique = name.toLowerCase(java.util.Locale.ROOT) + "." + OPERATORS.incrementAndGet();
        GatewayUnderTest.Response answer = gateway.admin("POST", "/admin/operators", "{\"name\": \"" + unique + "\"}");
        assertEquals(201, answer.status(), answer.body());
        JsonObject created = answer.json();
        return new Operator(created.getString("operator_id"), unique, created.getString("token"));
    }

    /** A client whose instance the rules paused: four scam sends refused, the fifth pauses it (as OperatorReadsEndToEndTest). */
    private static Client pausedByTheRules(String instanceName) {
        String account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Shop\", \"timezone\": \"Asia/Riyadh\"}")
                .json().getString("account_id");
        JsonObject instance = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"" + instanceName + "\", \"plan\": \"scale\"}").json();
        String key = gateway.admin("POST", "/admin/accounts/" + account + "/api-keys", "").json().getString("api_key");
        Client client = new Client(account, instance.getString("instance_id"), key, null);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        for (int i = 0; i < 4; i++) {
            assertSeedError(gateway.send(client, "+966501234567", SPAM, "transactional"), "policy_violation");
        }
        assertSeedError(gateway.send(client, "+966501234567", SPAM, "transactional"), "instance_paused_for_review");
        assertEquals("paused_for_review", status(client));
        return client;
    }

    private static String status(Client client) {
        return gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).json().getString("status");
    }

    /** The sign-in form, filled and sent as a person would, with no cookie left from an earlier test. */
    private static void signIn(String token) {
        browser.open(gateway.base + "/console");
        browser.driver().manage().deleteAllCookies();
        browser.open(gateway.base + "/console");
        WebElement form = browser.waitFor(By.id("signin"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/console/sign-in"), "sent to the sign-in page");
        form.findElement(By.cssSelector("input[name=token]")).sendKeys(token);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitUntil("the sign-in's answer", d -> !d.findElements(By.id("review")).isEmpty()
                || !d.findElements(By.id("signin-error")).isEmpty());
    }

    /** A session as a script would hold one: the cookie from a sign-in, the CSRF token from the page. */
    private static Session session(Operator operator) throws Exception {
        HttpResponse<String> signedIn = post("/console/sign-in", null, "token=" + URLEncoder.encode(operator.token(), StandardCharsets.UTF_8));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String page = get("/console", cookie).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find(), page);
        return new Session(cookie, csrf.group(1));
    }

    private static HttpResponse<String> get(String path, String cookie) {
        return exchange(HttpRequest.newBuilder(URI.create(gateway.base + path)).GET(), cookie);
    }

    private static HttpResponse<String> post(String path, String cookie, String form) {
        return exchange(HttpRequest.newBuilder(URI.create(gateway.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), cookie);
    }

    /** Raw HTTP: the console's pages are no part of the API description GatewayUnderTest holds answers to. */
    private static HttpResponse<String> exchange(HttpRequest.Builder request, String cookie) {
        if (cookie != null) {
            request.header("Cookie", cookie.startsWith(COOKIE + "=") ? cookie : COOKIE + "=" + cookie);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** No script error, no refusal by the page's policy, no request to another origin, since the last page opened. */
    static void assertCleanPage() {
        assertEquals(List.of(), browser.consoleErrors(), "the console's errors on " + browser.driver().getCurrentUrl());
        assertEquals(List.of(), browser.requestsOutside(gateway.base),
                "requests to other origins from " + browser.driver().getCurrentUrl());
    }

    /** Into target/browser always; into {@code -Dconsole.screenshots=<dir>} too when it is set (the docs' pictures). */
    static void screenshot(String name) {
        browser.screenshot(Path.of("target", "browser", "console-" + name + ".png"));
        Optional.ofNullable(System.getProperty("console.screenshots")).filter(dir -> !dir.isBlank())
                .ifPresent(dir -> browser.screenshot(Path.of(dir, name + ".png")));
    }

    @SuppressWarnings("unused")
    private static WebDriver driver() {
        return browser.driver();
    }
}
