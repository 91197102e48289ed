package hub.gateway.application.port.out;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;

import java.util.List;
import java.util.Optional;

/**
 * The templates each instance holds, by name and language. A template send reads one through {@link #find}; an
 * implementation that caches it keeps a change made on another node no longer than an instance's pause (one
 * second), and a change made through itself is seen at once.
 */
public interface Templates {
    /** False when the instance already holds a template of this name and language (nothing is changed then). */
    boolean add(InstanceId instance, Template template);

    /** The instance's templates, ordered by name, then language. */
    List<Template> list(InstanceId instance);

    Optional<Template> find(InstanceId instance, TemplateKey key);

    /** False when the instance holds no such template. */
    boolean remove(InstanceId instance, TemplateKey key);

    /**
     * A sync's result: each template added, or its category, body, buttons and status replaced (its quality is kept
     * unless the synced one has one). Templates the instance holds that are not among them stay as they are.
     */
    void store(InstanceId instance, List<Template> templates);

    /**
     * A status Meta announced for a template of a WhatsApp Business Account: changed on every instance of the
     * transport with that account that holds the template.
     *
     * @return the instances whose template changed
     */
    List<InstanceId> changeStatus(String transport, String businessAccountId, TemplateKey key, TemplateStatus status);

    /** As {@link #changeStatus}, for Meta's quality rating. */
    List<InstanceId> changeQuality(String transport, String businessAccountId, TemplateKey key, TemplateQuality quality);
}
