package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;

import java.util.List;
import java.util.Optional;

/**
 * The operator's instance list: every instance, or those whose id, name or account id contains the text (ignoring
 * case), by id, each with its limits in force and its usage of the current day and month (as {@link GetUsageUseCase}
 * counts them).
 */
public interface SearchInstancesUseCase {
    SearchInstancesResult search(Optional<String> text, Optional<String> cursor, int limit);

    sealed interface SearchInstancesResult {
        record Listed(Page<InstanceReport> page) implements SearchInstancesResult {
        }

        record Invalid(List<FieldError> fields) implements SearchInstancesResult {
        }
    }
}
