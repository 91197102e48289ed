package hub.gateway.adapter.http;

import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import hub.gateway.adapter.http.console.Frame;
import hub.gateway.adapter.http.console.JteproblemGenerated;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The console's answers (contract §12): HTML pages rendered by the jte templates of {@code src/main/jte} (compiled
 * to the classes of {@code hub.gateway.adapter.http.console} at build time; a page is a call of one of them, checked
 * by the compiler), redirects, and the pages that say why a request was refused. Every one carries the same
 * security headers.
 */
final class ConsoleHtml {
    static final String PREFIX = "/console";
    static final String SIGN_IN = PREFIX + "/sign-in";
    static final String STYLESHEET = PREFIX + "/console.css";

    /**
     * Nothing from another origin, and of this one only what the pages use: the stylesheet, no script at all (the
     * pages work without one; {@code script-src 'self'} keeps the door open only for a file of our own), forms that
     * post back here, the empty {@code data:} favicon. No page may frame the console (clickjacking), and no
     * {@code <base>} may move its relative links.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'");

    private ConsoleHtml() {
    }

    /**
     * On every answer of the console. {@code no-store}: pages show tokens (the CSRF token, an API key shown once)
     * and evidence that must not stay in a shared cache or the browser's history cache.
     */
    static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        headers.put(HeaderNames.CACHE_CONTROL.defaultCase(), "no-store");
        return headers;
    }

    /** A page: one template call, escaped by context as it is written (jte's OWASP output). */
    static Answer page(int status, Consumer<HtmlTemplateOutput> template) {
        StringOutput out = new StringOutput(16 * 1024);
        template.accept(new OwaspHtmlTemplateOutput(out));
        Map<String, String> headers = securityHeaders();
        headers.put(HeaderNames.CONTENT_TYPE.defaultCase(), "text/html; charset=UTF-8");
        return new Answer(status, headers, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(Consumer<HtmlTemplateOutput> template) {
        return page(Status.OK_200.code(), template);
    }

    /** 303 See Other: after a form, the browser asks for the next page with a GET (post, redirect, get). */
    static Answer redirect(String location) {
        Map<String, String> headers = securityHeaders();
        headers.put(HeaderNames.LOCATION.defaultCase(), location);
        return new Answer(Status.SEE_OTHER_303.code(), headers, new byte[0]);
    }

    /** A refusal or a miss, said in words on a page of its own. */
    static Answer problem(int status, Frame frame, String heading, String explanation) {
        return page(status, out -> JteproblemGenerated.render(out, null, frame, heading, explanation));
    }

    /** A refusal shown without the navigation: before a session, or when the session is the problem. */
    static Answer problem(int status, String heading, String explanation) {
        return problem(status, Frame.signedOut(heading), heading, explanation);
    }

    static Answer forbidden(String explanation) {
        return problem(Status.FORBIDDEN_403.code(), "Refused", explanation);
    }

    /** For a path the console serves, asked with another method. */
    static Handler methodNotAllowed(String allowedMethods) {
        Answer answer = problem(Status.METHOD_NOT_ALLOWED_405.code(), "Not here",
                "This address of the console answers " + allowedMethods + " only.")
                .withHeader(HeaderNames.ALLOW.defaultCase(), allowedMethods);
        return (req, res) -> answer.writeTo(req, res);
    }
}
