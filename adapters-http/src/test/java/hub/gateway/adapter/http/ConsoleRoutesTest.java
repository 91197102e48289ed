package hub.gateway.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hub.gateway.domain.account.InstanceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The console's mechanics over plain HTTP, no browser: the session cookie and its flags, the redirect to the
 * sign-in page, the CSRF check of every change, the security headers, and the resume's required note. The pages'
 * looks are the browser tests' (bootstrap); these run wherever Java does.
 */
class ConsoleRoutesTest {
    private static final String ADMIN_TOKEN = "console-admin-token";
    private static final FakeUseCases fakes = new FakeUseCases();
    private static final String SESSION_COOKIE = ConsoleCookies.NAME + "=" + FakeUseCases.SESSION_ID;
    private static final String FORM = "application/x-www-form-urlencoded";

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.lastStatusChange.set(null);
        fakes.lastOperator.set(null);
        fakes.signedOut.clear();
        fakes.instanceMessages.set(FakeUseCases.defaultInstanceMessages());
    }

    @Test
    void everyPageWithoutASessionSendsTheBrowserToTheSignInPage() throws Exception {
        for (String path : List.of("/console", "/console/", "/console/audit", "/console/no-such-page")) {
            HttpResponse<String> res = edge.get(path);
            assertEquals(303, res.statusCode(), path);
            assertEquals("/console/sign-in", res.headers().firstValue("Location").orElse(""), path);
            assertSecurityHeaders(res);
        }
        HttpResponse<String> unknownCookie = edge.call("GET", "/console", Map.of("Cookie", ConsoleCookies.NAME + "=gcs_nope"), null);
        assertEquals(303, unknownCookie.statusCode());
        assertTrue(unknownCookie.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"),
                "a cookie that opens nothing is forgotten: " + unknownCookie.headers().map());
        HttpResponse<String> post = form("/console/review/inst_12345/resume", "", "note=x&csrf=" + FakeUseCases.CSRF_TOKEN);
        assertEquals(303, post.statusCode());
        assertNull(fakes.lastStatusChange.get(), "nothing changed without a session");
    }

    @Test
    void theSignInPageHasTheFormOfTheContract() throws Exception {
        HttpResponse<String> res = edge.get("/console/sign-in");
        assertEquals(200, res.statusCode());
        assertEquals("text/html; charset=UTF-8", res.headers().firstValue("Content-Type").orElse(""));
        assertSecurityHeaders(res);
        assertTrue(res.body().contains("<form id=\"signin\" method=\"post\" action=\"/console/sign-in\">"), res.body());
        assertTrue(res.body().contains("name=\"token\" type=\"password\""), res.body());
        assertTrue(res.body().contains("<html lang=\"en\">"), res.body());
    }

    @Test
    void aRightTokenStartsASessionInAStrictHttpOnlyCookieOfTheConsole() throws Exception {
        HttpResponse<String> res = form("/console/sign-in", null, "token=" + FakeUseCases.OPERATOR_TOKEN);
        assertEquals(303, res.statusCode(), res.body());
        assertEquals("/console", res.headers().firstValue("Location").orElse(""));
        String cookie = res.headers().firstValue("Set-Cookie").orElseThrow();
        assertEquals(SESSION_COOKIE + "; Path=/console; HttpOnly; SameSite=Strict", cookie, "over http: no Secure");
        assertSecurityHeaders(res);
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() throws Exception {
        HttpResponse<String> forwarded = edge.call("POST", "/console/sign-in", Map.of("Content-Type", FORM,
                "X-Forwarded-Proto", "https"), "token=" + FakeUseCases.OPERATOR_TOKEN);
        assertTrue(forwarded.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; Secure"));
        HttpResponse<String> standard = edge.call("POST", "/console/sign-in", Map.of("Content-Type", FORM,
                "Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43"), "token=" + FakeUseCases.OPERATOR_TOKEN);
        assertTrue(standard.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; Secure"));
    }

    @Test
    void aWrongTokenShowsAnErrorAndSetsNoCookie() throws Exception {
        HttpResponse<String> res = form("/console/sign-in", null, "token=gop_wrong");
        assertEquals(303, res.statusCode());
        assertTrue(res.headers().firstValue("Set-Cookie").isEmpty(), res.headers().map().toString());
        String again = res.headers().firstValue("Location").orElseThrow();
        assertEquals("/console/sign-in?refused", again);
        HttpResponse<String> page = edge.get(again);
        assertTrue(page.body().contains("id=\"signin-error\""), page.body());
        assertTrue(page.body().contains(ConsoleSignIn.WRONG_TOKEN), page.body());
        assertTrue(page.body().contains("id=\"signin\""), "the form again: " + page.body());
        assertFalse(edge.get("/console/sign-in").body().contains("signin-error"), "no error before a refusal");
    }

    @Test
    void aFormFromAnotherSiteIsRefusedEvenAtSignIn() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/console/sign-in", Map.of("Content-Type", FORM,
                "Sec-Fetch-Site", "cross-site"), "token=" + FakeUseCases.OPERATOR_TOKEN);
        assertEquals(403, res.statusCode());
        assertTrue(res.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void theReviewPageShowsThePausedInstanceWithItsEvidenceAndAResumeForm() throws Exception {
        HttpResponse<String> res = signedIn("/console");
        assertEquals(200, res.statusCode(), res.body());
        assertSecurityHeaders(res);
        String body = res.body();
        assertTrue(body.contains("<div id=\"review\">"), body);
        assertTrue(body.contains("data-instance-id=\"inst_12345\""), body);
        assertTrue(body.contains("<textarea id=\"note-inst_12345\" name=\"note\" required"), body);
        assertTrue(body.contains("name=\"resume\""), body);
        assertTrue(body.contains("name=\"csrf\" value=\"" + FakeUseCases.CSRF_TOKEN + "\""), body);
        FakeUseCases.paused().pause().orElseThrow().assessment().signals()
                .forEach(signal -> assertTrue(body.contains(signal.evidence()), signal + " in " + body));
        assertTrue(body.contains("policy_violation"), "the recent refusal's code: " + body);
        assertTrue(body.contains("Signed in as <strong dir=\"auto\" id=\"operator\">alice</strong>"), body);
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        for (String body : List.of("note=checked", "note=checked&csrf=", "note=checked&csrf=csrf-alice-0124",
                "note=checked&csrf=" + FakeUseCases.CSRF_TOKEN + "x")) {
            HttpResponse<String> res = form("/console/review/inst_12345/resume", SESSION_COOKIE, body);
            assertEquals(403, res.statusCode(), body);
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), body);
            assertSecurityHeaders(res);
        }
        HttpResponse<String> signOut = form("/console/sign-out", SESSION_COOKIE, "");
        assertEquals(403, signOut.statusCode());
        assertNull(fakes.lastStatusChange.get(), "nothing changed");
        assertEquals(List.of(), fakes.signedOut, "nobody signed out");
    }

    @Test
    void resumeWithANoteCallsTheUseCaseAsTheOperatorAndGoesBackToTheReview() throws Exception {
        HttpResponse<String> res = form("/console/review/inst_12345/resume", SESSION_COOKIE,
                "csrf=" + FakeUseCases.CSRF_TOKEN + "&note=" + URLEncoder.encode("تم التحقق: reminders only", StandardCharsets.UTF_8));
        assertEquals(303, res.statusCode(), res.body());
        assertEquals("/console?resumed=inst_12345", res.headers().firstValue("Location").orElse(""));
        assertEquals(InstanceStatus.ACTIVE, fakes.lastStatusChange.get().status());
        assertEquals("inst_12345", fakes.lastStatusChange.get().instanceId());
        assertEquals(hub.gateway.application.port.in.Input.text("تم التحقق: reminders only"), fakes.lastStatusChange.get().note());
        assertEquals(FakeUseCases.OPERATOR, fakes.lastOperator.get());
    }

    @Test
    void resumeWithoutANoteIsRefusedByThePageItself() throws Exception {
        for (String note : List.of("", "%20%20%0A")) {
            HttpResponse<String> res = form("/console/review/inst_12345/resume", SESSION_COOKIE,
                    "csrf=" + FakeUseCases.CSRF_TOKEN + "&note=" + note);
            assertEquals(422, res.statusCode(), note);
            assertTrue(res.body().contains(ReviewPage.NOTE_REQUIRED), res.body());
            assertTrue(res.body().contains("id=\"error-inst_12345\""), res.body());
        }
        assertNull(fakes.lastStatusChange.get(), "the use case was not called");
    }

    @Test
    void resumingAnUnknownInstanceIsANotFoundPage() throws Exception {
        HttpResponse<String> res = form("/console/review/inst_nope1/resume", SESSION_COOKIE,
                "csrf=" + FakeUseCases.CSRF_TOKEN + "&note=ok");
        assertEquals(404, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void anUnknownPageOfASignedInOperatorIsAnHtmlNotFound() throws Exception {
        HttpResponse<String> res = signedIn("/console/no-such-page");
        assertEquals(404, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertSecurityHeaders(res);
    }

    @Test
    void theAuditPageListsTheEntriesWithTheirOperatorAndNote() throws Exception {
        HttpResponse<String> res = signedIn("/console/audit");
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("<td class=\"operator\" dir=\"auto\">alice</td>"), res.body());
        assertTrue(res.body().contains("checked: a clinic's reminders"), res.body());
        assertEquals(AuditPage.DEFAULT_LIMIT, fakes.lastAuditLimit.get());
        assertEquals(422, signedIn("/console/audit?limit=501").statusCode());
    }

    @Test
    void signOutEndsTheSessionAndForgetsTheCookie() throws Exception {
        HttpResponse<String> res = form("/console/sign-out", SESSION_COOKIE, "csrf=" + FakeUseCases.CSRF_TOKEN);
        assertEquals(303, res.statusCode());
        assertEquals("/console/sign-in", res.headers().firstValue("Location").orElse(""));
        assertEquals(ConsoleCookies.NAME + "=; Max-Age=0; Path=/console; HttpOnly; SameSite=Strict",
                res.headers().firstValue("Set-Cookie").orElse(""));
        assertEquals(List.of(FakeUseCases.SESSION_ID), fakes.signedOut);
        assertEquals(303, signedIn("/console").statusCode(), "the session is over");
    }

    @Test
    void theStylesheetIsServedToAnyone() throws Exception {
        HttpResponse<String> res = edge.get("/console/console.css");
        assertEquals(200, res.statusCode());
        assertEquals("text/css; charset=UTF-8", res.headers().firstValue("Content-Type").orElse(""));
        assertFalse(res.body().contains("url("), "the stylesheet loads nothing more");
    }

    @Test
    void theInstancesPageSearchesWithTheQuery() throws Exception {
        HttpResponse<String> res = signedIn("/console/instances?q=Demo");
        assertEquals(200, res.statusCode());
        assertEquals("Demo", fakes.lastSearch.get());
        assertTrue(res.body().contains("<tr data-instance-id=\"inst_12345\">"), res.body());
        assertTrue(res.body().contains("<label for=\"q\">"), "a labelled search field: " + res.body());
        assertEquals(422, signedIn("/console/instances?cursor=bogus").statusCode());
    }

    @Test
    void anInstancesPageShowsItsSectionsAndAnUnknownOneIsAnHtmlNotFound() throws Exception {
        HttpResponse<String> res = signedIn("/console/instances/inst_12345");
        assertEquals(200, res.statusCode(), res.body());
        for (String section : List.of("id=\"status-form\"", "id=\"limits\"", "id=\"risk-events\"", "id=\"block\"",
                "id=\"suppressions\"", "id=\"messages\"", "<time datetime=")) {
            assertTrue(res.body().contains(section), section + " in " + res.body());
        }
        HttpResponse<String> unknown = signedIn("/console/instances/inst_nope1");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void anInstancesPageListsItsTemplatesReadOnly() throws Exception {
        HttpResponse<String> res = signedIn("/console/instances/inst_12345");
        assertEquals(200, res.statusCode(), res.body());
        String template = "<tr><td dir=\"auto\">order_shipped</td><td>en</td><td>utility</td><td>approved</td>"
                + "<td dir=\"auto\">Your order {{1}} has been shipped.</td></tr>";
        assertTrue(res.body().contains("id=\"templates-heading\""), res.body());
        assertTrue(res.body().contains(template), template + " in " + res.body());
        assertFalse(res.body().contains("/templates\""), "no form changes a template here: " + res.body());
    }

    @Test
    void anUnknownMessageSaysWhatItsStatusMeans() throws Exception {
        assertFalse(signedIn("/console/instances/inst_12345").body().contains("data-status=\"unknown\""),
                "no unknown message, no explanation");
        fakes.instanceMessages.set(List.of(FakeUseCases.unknownRecord()));
        String body = signedIn("/console/instances/inst_12345").body();
        assertTrue(body.contains("<td><span class=\"message-status\" data-status=\"unknown\" title=\"The send may have "
                + "reached WhatsApp; a later status settles it.\">unknown <small>(may have reached WhatsApp; a later "
                + "status settles it)</small></span></td>"), body);
    }

    @Test
    void limitsFromTheFormReachTheUseCaseAsTheJsonApiWouldCarryThem() throws Exception {
        HttpResponse<String> res = form("/console/instances/inst_12345/limits", SESSION_COOKIE,
                "csrf=" + FakeUseCases.CSRF_TOKEN + "&plan=growth&daily_limit=250&monthly_limit=&per_minute_limit=ten");
        assertEquals(303, res.statusCode(), res.body());
        assertEquals("/console/instances/inst_12345?done=saved", res.headers().firstValue("Location").orElse(""));
        var update = fakes.lastUpdate.get();
        assertEquals(hub.gateway.application.port.in.Input.text("growth"), update.plan());
        assertEquals(new hub.gateway.application.port.in.Input.Number(new java.math.BigDecimal("250")), update.dailyLimit());
        assertEquals(hub.gateway.application.port.in.Input.NULL, update.monthlyLimit(), "empty: the plan's figure");
        assertEquals(hub.gateway.application.port.in.Input.text("ten"), update.perMinuteLimit(), "the use case judges it");
        assertEquals(hub.gateway.application.port.in.Input.MISSING, update.webhookUrl());
        assertEquals(FakeUseCases.OPERATOR, fakes.lastOperator.get());
    }

    @Test
    void pauseFromTheInstancePageNeedsANoteToo() throws Exception {
        HttpResponse<String> refused = form("/console/instances/inst_12345/pause", SESSION_COOKIE,
                "csrf=" + FakeUseCases.CSRF_TOKEN + "&note=");
        assertEquals(422, refused.statusCode());
        assertNull(fakes.lastStatusChange.get());
        HttpResponse<String> paused = form("/console/instances/inst_12345/pause", SESSION_COOKIE,
                "csrf=" + FakeUseCases.CSRF_TOKEN + "&note=complaints");
        assertEquals(303, paused.statusCode());
        assertEquals(InstanceStatus.PAUSED_FOR_REVIEW, fakes.lastStatusChange.get().status());
    }

    @Test
    void anIssuedKeyIsShownOnTheAnswerItselfNeverInARedirect() throws Exception {
        HttpResponse<String> res = form("/console/accounts/acc_1/api-keys", SESSION_COOKIE, "csrf=" + FakeUseCases.CSRF_TOKEN);
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("<p class=\"secret\" id=\"issued-key\">gk_live_secret</p>"), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> created = form("/console/accounts", SESSION_COOKIE, "csrf=" + FakeUseCases.CSRF_TOKEN + "&name=Clinic");
        assertEquals("/console/accounts/acc_new?done=created", created.headers().firstValue("Location").orElse(""));
        assertEquals(422, form("/console/accounts", SESSION_COOKIE, "csrf=" + FakeUseCases.CSRF_TOKEN + "&name=").statusCode());
    }

    @Test
    void theOverviewDrawsOneBarPerOutcomeAndHourWithSends() throws Exception {
        HttpResponse<String> res = signedIn("/console/overview");
        assertEquals(200, res.statusCode());
        // The fake's last hour: 5 sent, 2 refused; no other hour has sends.
        assertEquals(2, res.body().split("<rect ", -1).length - 1, res.body());
        assertTrue(res.body().contains("data-outcome=\"sent\" data-count=\"5\""), res.body());
        assertTrue(res.body().contains("data-outcome=\"refused\" data-count=\"2\""), res.body());
        assertTrue(res.body().contains("<td>minute_limit_exceeded</td>") || res.body().contains("<td>" + ErrorCatalog.of(
                hub.gateway.domain.send.RefusalReason.MINUTE_LIMIT_REACHED).code() + "</td>"), res.body());
    }

    private static HttpResponse<String> signedIn(String path) throws Exception {
        return edge.call("GET", path, Map.of("Cookie", SESSION_COOKIE), null);
    }

    private static HttpResponse<String> form(String path, String cookie, String body) throws Exception {
        return edge.call("POST", path, cookie == null ? Map.of("Content-Type", FORM)
                : Map.of("Content-Type", FORM, "Cookie", cookie), body);
    }

    private static void assertSecurityHeaders(HttpResponse<String> res) {
        assertEquals(ConsoleHtml.CONTENT_SECURITY_POLICY, res.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("same-origin", res.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
    }
}
