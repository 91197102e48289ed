package hub.gateway.application.port.in;

import hub.gateway.domain.send.Refusal;

public sealed interface SendMessageResult {
    record Sent(String messageId, long logId) implements SendMessageResult {
    }

    record Refused(Refusal refusal) implements SendMessageResult {
    }
}
