package hub.gateway.application.contract;

import hub.gateway.application.port.out.Templates;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of the Templates port: what an instance holds, a sync's upsert, and Meta's status and quality news. */
public abstract class TemplatesContract {
    public interface Subject extends ContractPorts {
        Templates templates();
    }

    protected abstract Subject subject();

    private Subject subject;
    private Templates templates;
    private AccountId account;
    private String waba;

    private static final Template SHIPPED = new Template(new TemplateKey("order_shipped", "en"), TemplateCategory.UTILITY,
            new TemplateBody("Order {{1}} has shipped."),
            List.of(new TemplateButton(TemplateButton.Type.URL, "Track", Optional.of("https://example.com/t")),
                    new TemplateButton(TemplateButton.Type.QUICK_REPLY, "Thanks", Optional.empty())),
            TemplateStatus.APPROVED);
    private static final Template LOGIN = new Template(new TemplateKey("login_code", "en_US"), TemplateCategory.AUTHENTICATION,
            new TemplateBody("{{1}} is your verification code."),
            List.of(new TemplateButton(TemplateButton.Type.COPY_CODE, "Copy code", Optional.empty())), TemplateStatus.PENDING);

    @BeforeEach
    void fresh() {
        subject = subject();
        templates = subject.templates();
        account = subject.account();
        waba = "waba" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** An instance of meta_cloud on this test's business account, with a phone number of its own. */
    private InstanceId metaInstance() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instance instance = new Instance(new InstanceId("meta-" + unique), account, "Meta line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "meta_cloud",
                new TransportAccount(Optional.of("pn" + unique), Optional.of("token"), Optional.of(waba)),
                Optional.empty(), ZoneOffset.UTC, Instant.parse("2025-01-15T10:00:00Z"));
        assertTrue(subject.instances().add(instance, "whsec_dGVzdA=="));
        return instance.id();
    }

    @Test
    void anAddedTemplateIsFoundAndListedAsItWasGiven() {
        InstanceId instance = subject.instance(account).id();

        assertTrue(templates.add(instance, SHIPPED));
        assertTrue(templates.add(instance, LOGIN));

        assertEquals(Optional.of(SHIPPED), templates.find(instance, SHIPPED.key()));
        assertEquals(List.of(LOGIN, SHIPPED), templates.list(instance), "by name, then language");
        assertEquals(Optional.empty(), templates.find(instance, new TemplateKey("order_shipped", "ar")));
        assertEquals(List.of(), templates.list(subject.instance(account).id()), "another instance holds none");
    }

    @Test
    void aTakenNameAndLanguageIsRefusedAndChangesNothing() {
        InstanceId instance = subject.instance(account).id();
        templates.add(instance, SHIPPED);

        assertFalse(templates.add(instance, SHIPPED.withStatus(TemplateStatus.REJECTED)));

        assertEquals(Optional.of(SHIPPED), templates.find(instance, SHIPPED.key()));
    }

    @Test
    void aRemovedTemplateIsGoneOnceFromItsInstanceOnly() {
        InstanceId instance = subject.instance(account).id();
        InstanceId other = subject.instance(account).id();
        templates.add(instance, SHIPPED);
        templates.add(other, SHIPPED);

        assertTrue(templates.remove(instance, SHIPPED.key()));
        assertFalse(templates.remove(instance, SHIPPED.key()));

        assertEquals(Optional.empty(), templates.find(instance, SHIPPED.key()));
        assertEquals(Optional.of(SHIPPED), templates.find(other, SHIPPED.key()));
    }

    @Test
    void aSyncAddsAndReplacesKeepingTheQualityAndLeavingOthersAlone() {
        InstanceId instance = metaInstance();
        Template local = new Template(new TemplateKey("local_only", "en"), TemplateCategory.UTILITY,
                new TemplateBody("Not at Meta yet."), List.of(), TemplateStatus.PENDING);
        templates.add(instance, local);
        templates.add(instance, LOGIN);
        templates.changeQuality("meta_cloud", waba, LOGIN.key(), TemplateQuality.YELLOW);
        Template loginApproved = new Template(LOGIN.key(), LOGIN.category(),
                new TemplateBody("{{1}} is your verification code. For your security, do not share this code."),
                List.of(), TemplateStatus.APPROVED);

        templates.store(instance, List.of(loginApproved, SHIPPED));
        templates.store(instance, List.of());

        assertEquals(List.of(local, loginApproved.withQuality(TemplateQuality.YELLOW), SHIPPED), templates.list(instance));
        assertEquals(Optional.of(loginApproved.withQuality(TemplateQuality.YELLOW)), templates.find(instance, LOGIN.key()));
    }

    @Test
    void metasStatusReachesEveryInstanceOfTheBusinessAccountThatHoldsTheTemplate() {
        InstanceId first = metaInstance();
        InstanceId second = metaInstance();
        InstanceId withoutIt = metaInstance();
        InstanceId sandbox = subject.instance(account).id();
        templates.add(first, SHIPPED);
        templates.add(second, SHIPPED);
        templates.add(sandbox, SHIPPED);
        templates.add(withoutIt, LOGIN);

        List<InstanceId> changed = templates.changeStatus("meta_cloud", waba, SHIPPED.key(), TemplateStatus.PAUSED);

        assertEquals(Set.of(first, second), Set.copyOf(changed));
        assertEquals(Optional.of(SHIPPED.withStatus(TemplateStatus.PAUSED)), templates.find(first, SHIPPED.key()));
        assertEquals(Optional.of(SHIPPED.withStatus(TemplateStatus.PAUSED)), templates.find(second, SHIPPED.key()));
        assertEquals(Optional.of(SHIPPED), templates.find(sandbox, SHIPPED.key()));
        assertEquals(Optional.of(LOGIN), templates.find(withoutIt, LOGIN.key()));
        assertEquals(List.of(), templates.changeStatus("meta_cloud", "another" + waba, SHIPPED.key(), TemplateStatus.DISABLED));
        assertEquals(List.of(), templates.changeStatus("waha", waba, SHIPPED.key(), TemplateStatus.DISABLED));

        assertEquals(Set.of(first, second),
                Set.copyOf(templates.changeQuality("meta_cloud", waba, SHIPPED.key(), TemplateQuality.RED)));
        assertEquals(Optional.of(TemplateQuality.RED), templates.find(first, SHIPPED.key()).orElseThrow().quality());
    }
}
