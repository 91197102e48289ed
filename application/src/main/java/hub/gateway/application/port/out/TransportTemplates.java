package hub.gateway.application.port.out;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.template.Template;

import java.util.List;

/**
 * The templates a transport's provider has reviewed for an instance's account (Meta: the WhatsApp Business Account's
 * message templates, with their status). A transport that offers this reviews templates itself: one registered on
 * its instances waits ({@code pending}) until a sync or the provider's webhook says otherwise.
 */
public interface TransportTemplates {
    Fetched fetch(Instance instance);

    sealed interface Fetched {
        /** @param skipped how many of the provider's templates the gateway cannot hold (no body, unknown category…) */
        record Read(List<Template> templates, int skipped) implements Fetched {
            public Read {
                templates = List.copyOf(templates);
            }
        }

        /** The instance's account lacks what the read needs ({@code field}, in words for the operator). */
        record NotConfigured(String field, String reason) implements Fetched {
        }

        /** {@code code} and {@code title} are the provider's own words, safe to show the operator. */
        record Failed(String code, String title) implements Fetched {
        }
    }
}
