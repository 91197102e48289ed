package hub.gateway.application.port.in;

/** Ends the console session behind a cookie value; one that is gone already changes nothing. */
public interface SignOutOperatorUseCase {
    void signOut(String sessionId);
}
