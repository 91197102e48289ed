package hub.gateway.application.port.in;

import hub.gateway.domain.template.Template;

import java.util.List;
import java.util.Optional;

/** An instance's templates, with their status; empty when there is no such instance. */
public interface ListTemplatesUseCase {
    Optional<List<Template>> list(String instanceId);
}
