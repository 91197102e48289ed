package hub.gateway.application.port.in;

/**
 * Starts a console session for an operator's token (any token {@code /admin} accepts). The session id is the
 * cookie's value: it is in this answer and nowhere else; only its hash is stored.
 */
public interface SignInOperatorUseCase {
    SignInResult signIn(String token);

    sealed interface SignInResult {
        record SignedIn(String sessionId, ActiveConsoleSession session) implements SignInResult {
        }

        /** Wrong, revoked or empty token: no session. */
        record Refused() implements SignInResult {
        }
    }
}
