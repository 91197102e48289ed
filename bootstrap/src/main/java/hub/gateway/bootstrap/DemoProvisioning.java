package hub.gateway.bootstrap;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;

import hub.gateway.domain.operator.Operator;

import java.nio.file.Path;

/**
 * On the embedded default with an empty database: one account, the instance {@code demo-support-line}
 * on the Starter plan with the sandbox transport, and an API key in {@code <dataDir>/demo-api-key}.
 */
final class DemoProvisioning {
    static final String INSTANCE_ID = "demo-support-line";
    static final String KEY_FILE = "demo-api-key";

    private DemoProvisioning() {
    }

    /** Done as the built-in admin, whose start-up this is: the audit log shows the demo's account, instance and key. */
    static void provision(UseCases useCases, Path dataDir) {
        var account = (CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountCommand(Input.text("Demo Account"), Input.MISSING), Operator.ADMIN);
        var instance = useCases.createInstance().create(new CreateInstanceCommand(
                Input.text(account.account().id().value()), Input.text(INSTANCE_ID), Input.text("Demo Support Line"),
                Input.text("starter"), Input.text("sandbox"), Input.MISSING), Operator.ADMIN);
        if (!(instance instanceof CreateInstanceResult.Created)) {
            throw new IllegalStateException("the demo instance could not be created: " + instance);
        }
        var key = (IssueApiKeyResult.Issued) useCases.issueApiKey().issue(account.account().id(), Operator.ADMIN);
        SecretFiles.write(dataDir.resolve(KEY_FILE), key.secret().value());
    }
}
