package hub.gateway.application.port.in;

/** Sends one message through steps 3 to 12 of the contract's order of checks. */
public interface SendMessageUseCase {
    SendMessageResult send(SendMessageCommand command);
}
