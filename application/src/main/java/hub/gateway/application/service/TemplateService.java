package hub.gateway.application.service;

import hub.gateway.application.port.in.DeleteTemplateUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ListTemplatesUseCase;
import hub.gateway.application.port.in.RegisterTemplateUseCase;
import hub.gateway.application.port.in.SyncTemplatesUseCase;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Templates;
import hub.gateway.application.port.out.TransportTemplates;
import hub.gateway.application.port.out.TransportTemplates.Fetched;
import hub.gateway.application.port.out.Transports;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's templates of an instance (contract §13). Each change is audited right after it succeeds, as the other
 * admin changes are ({@link AdminService}).
 */
final class TemplateService implements RegisterTemplateUseCase, ListTemplatesUseCase, DeleteTemplateUseCase,
        SyncTemplatesUseCase {
    private final InstanceLookup instances;
    private final Templates templates;
    private final Transports transports;
    private final OperatorAudit audit;
    private final Clock clock;

    TemplateService(InstanceLookup instances, Templates templates, Transports transports, OperatorAudit audit,
                    Clock clock) {
        this.instances = instances;
        this.templates = templates;
        this.transports = transports;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RegisterTemplateResult register(RegisterTemplateCommand command, Operator by) {
        Optional<Instance> instance = instances.find(Optional.empty(), command.instanceId());
        if (instance.isEmpty()) {
            return new RegisterTemplateResult.UnknownInstance();
        }
        FieldChecks checks = new FieldChecks();
        Optional<String> name = checks.requiredText("name", command.name(), TemplateKey.MAX_NAME)
                .flatMap(n -> problem(checks, "name", TemplateKey.nameProblem(n), n));
        Optional<String> language = checks.requiredText("language", command.language(), 20)
                .flatMap(l -> problem(checks, "language", TemplateKey.languageProblem(l), l));
        Optional<TemplateCategory> category = category(checks, command.category());
        Optional<TemplateBody> body = body(checks, command.body());
        List<TemplateButton> buttons = buttons(checks, command.buttons());
        if (category.isPresent() && body.isPresent()) {
            Template.problemWith(category.get(), body.get(), buttons).ifPresent(problem -> checks.fail("body", problem));
        }
        if (checks.failed()) {
            return new RegisterTemplateResult.Invalid(checks.problems());
        }
        // A provider that reviews templates has not seen this one yet; any other transport sends it as it is.
        TemplateStatus status = transports.templates(instance.get().transport()).isPresent()
                ? TemplateStatus.PENDING : TemplateStatus.APPROVED;
        Template template = new Template(new TemplateKey(name.get(), language.get()), category.get(), body.get(),
                buttons, status);
        if (!templates.add(instance.get().id(), template)) {
            return new RegisterTemplateResult.AlreadyExists();
        }
        audited(by, AuditAction.TEMPLATE_REGISTER, target(instance.get(), template.key()));
        return new RegisterTemplateResult.Registered(template);
    }

    @Override
    public Optional<List<Template>> list(String instanceId) {
        return instances.find(Optional.empty(), instanceId).map(instance -> templates.list(instance.id()));
    }

    @Override
    public DeleteTemplateResult delete(String instanceId, String name, String language, Operator by) {
        Optional<Instance> instance = instances.find(Optional.empty(), instanceId);
        if (instance.isEmpty()) {
            return new DeleteTemplateResult.UnknownInstance();
        }
        if (TemplateKey.nameProblem(name).isPresent() || TemplateKey.languageProblem(language).isPresent()) {
            return new DeleteTemplateResult.UnknownTemplate();
        }
        TemplateKey key = new TemplateKey(name, language);
        if (!templates.remove(instance.get().id(), key)) {
            return new DeleteTemplateResult.UnknownTemplate();
        }
        audited(by, AuditAction.TEMPLATE_DELETE, target(instance.get(), key));
        return new DeleteTemplateResult.Deleted();
    }

    @Override
    public SyncTemplatesResult sync(String instanceId, Operator by) {
        Optional<Instance> instance = instances.find(Optional.empty(), instanceId);
        if (instance.isEmpty()) {
            return new SyncTemplatesResult.UnknownInstance();
        }
        Optional<TransportTemplates> source = transports.templates(instance.get().transport());
        if (source.isEmpty()) {
            return new SyncTemplatesResult.NothingToSync(instance.get().transport());
        }
        return switch (source.get().fetch(instance.get())) {
            case Fetched.NotConfigured missing ->
                    new SyncTemplatesResult.Invalid(List.of(new FieldError(missing.field(), missing.reason())));
            case Fetched.Failed failed -> new SyncTemplatesResult.Failed(failed.code(), failed.title());
            case Fetched.Read read -> {
                templates.store(instance.get().id(), read.templates());
                audited(by, AuditAction.TEMPLATE_SYNC, instance.get().id().value());
                yield new SyncTemplatesResult.Synced(templates.list(instance.get().id()), read.templates().size(),
                        read.skipped());
            }
        };
    }

    private static <T> Optional<T> problem(FieldChecks checks, String field, Optional<String> problem, T value) {
        return problem.isPresent() ? checks.fail(field, problem.get()) : Optional.of(value);
    }

    private static Optional<TemplateCategory> category(FieldChecks checks, Input input) {
        String allowed = TemplateCategory.wireNames().toString();
        if (input.isAbsent()) {
            return checks.fail("category", "is required, one of " + allowed);
        }
        Optional<TemplateCategory> category = input.nonBlankText().flatMap(TemplateCategory::fromWireName);
        return category.isPresent() ? category : checks.fail("category", "must be one of " + allowed);
    }

    private static Optional<TemplateBody> body(FieldChecks checks, Input input) {
        if (input.isAbsent()) {
            return checks.fail("body", "is required");
        }
        if (!(input instanceof Input.Text text)) {
            return checks.fail("body", "must be a string");
        }
        Optional<String> problem = TemplateBody.problemWith(text.value());
        return problem.isPresent() ? checks.fail("body", problem.get()) : Optional.of(new TemplateBody(text.value()));
    }

    /** Absent or null: none; otherwise an array of {@code {type, text, url?, phone_number?}}, each checked. */
    private static List<TemplateButton> buttons(FieldChecks checks, Input input) {
        if (input.isAbsent()) {
            return List.of();
        }
        if (!(input instanceof Input.Items items)) {
            checks.fail("buttons", "must be an array of {type, text, url?, phone_number?}");
            return List.of();
        }
        if (items.items().size() > Template.MAX_BUTTONS) {
            checks.fail("buttons", "must have at most " + Template.MAX_BUTTONS + " buttons");
            return List.of();
        }
        List<TemplateButton> buttons = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            String field = "buttons[" + i + "]";
            if (!(items.items().get(i) instanceof Input.Fields button)) {
                checks.fail(field, "must be an object {type, text, url?, phone_number?}");
                continue;
            }
            Optional<TemplateButton.Type> type = button.field("type").nonBlankText().flatMap(TemplateButton.Type::fromWireName);
            if (type.isEmpty()) {
                checks.fail(field + ".type", "must be one of [quick_reply, url, phone_number, copy_code]");
                continue;
            }
            Optional<String> text = button.field("text").nonBlankText();
            Optional<String> value = switch (type.get()) {
                case URL -> button.field("url").nonBlankText();
                case PHONE_NUMBER -> button.field("phone_number").nonBlankText();
                case QUICK_REPLY, COPY_CODE -> Optional.empty();
            };
            Optional<String> problem = TemplateButton.problemWith(type.get(), text.orElse(null), value);
            if (problem.isPresent()) {
                checks.fail(field, problem.get());
            } else {
                buttons.add(new TemplateButton(type.get(), text.get(), value));
            }
        }
        return buttons;
    }

    private void audited(Operator by, AuditAction action, String target) {
        audit.append(AuditEntry.of(by, action, target, clock.instant()));
    }

    /** The audit log's name for one template of an instance. */
    private static String target(Instance instance, TemplateKey key) {
        return instance.id().value() + "/" + key.name() + "/" + key.language();
    }
}
