package hub.gateway.application;

import hub.gateway.application.contract.ConsoleSessionsContract;

import java.time.Clock;
import java.time.ZoneOffset;

/** The ConsoleSessions contract, against the in-memory fake. */
class InMemoryConsoleSessionsTest extends ConsoleSessionsContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
