package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.template.Template;

import java.util.List;

/** Reads the templates the instance's provider has reviewed (Meta: the WhatsApp Business Account's) and stores them. */
public interface SyncTemplatesUseCase {
    /** Audited as {@code by}'s {@code template.sync}, when something was read. */
    SyncTemplatesResult sync(String instanceId, Operator by);

    sealed interface SyncTemplatesResult {
        /**
         * @param templates the instance's templates after the sync
         * @param read      how many the provider listed that the gateway stored
         * @param skipped   how many it listed that the gateway cannot hold
         */
        record Synced(List<Template> templates, int read, int skipped) implements SyncTemplatesResult {
            public Synced {
                templates = List.copyOf(templates);
            }
        }

        record UnknownInstance() implements SyncTemplatesResult {
        }

        /** The instance's transport sends any template it is given: there is nothing to sync from. */
        record NothingToSync(String transport) implements SyncTemplatesResult {
        }

        /** The instance lacks what the read needs (its {@code waba_id}). */
        record Invalid(List<FieldError> fields) implements SyncTemplatesResult {
        }

        /** The provider could not be read; its own code and title. */
        record Failed(String code, String title) implements SyncTemplatesResult {
        }
    }
}
