package hub.gateway.application.service;

import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.SendMessageUseCase;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.Templates;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery;
import hub.gateway.application.port.out.Transports;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.ConditionalSignal;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.FoldedText;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.domain.send.QuotaStanding;
import hub.gateway.domain.send.Refusal;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.template.RenderedTemplate;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * Steps 3 to 12 of the contract's order of checks. The first failing check answers, and nothing after it
 * runs: a refused request never consumes quota.
 */
final class SendMessageService implements SendMessageUseCase {
    private static final System.Logger LOG = System.getLogger(SendMessageService.class.getName());
    /** Which suppressions stop each purpose: worked out once, not on every send. */
    private static final Map<MessagePurpose, Set<SuppressionReason>> BLOCKING_REASONS = Arrays.stream(MessagePurpose.values())
            .collect(Collectors.toUnmodifiableMap(Function.identity(), purpose -> Arrays.stream(SuppressionReason.values())
                    .filter(r -> r.blocks(purpose)).collect(Collectors.toUnmodifiableSet())));

    /** More than any template's placeholders: a longer list is refused before any look-up. */
    private static final int MAX_PARAMETERS = 100;
    /** Step 9 switched off (the benchmark's baseline): nothing assessed, nothing for the gate to judge. */
    private static final RiskPolicy.Assessed NOT_ASSESSED = new RiskPolicy.Assessed(RiskAssessment.CLEAN, List.of());

    private final Instances instances;
    private final Templates templates;
    private final SendGate gate;
    private final MessageLog messageLog;
    private final Transports transports;
    private final RiskFacts riskFacts;
    private final RiskLedger riskLedger;
    private final RiskPolicy policy;
    /** False only for the step-9 cost benchmark's baseline (GATEWAY_RISK_ASSESSMENT=off): no step 9 at all. */
    private final boolean assessRisk;
    private final ActivityMonitor activity;
    private final Clock clock;
    private final RiskAssessment cleanDuplicateViolation;

    SendMessageService(Instances instances, Templates templates, SendGate gate, MessageLog messageLog,
                       Transports transports, RiskFacts riskFacts, RiskLedger riskLedger, RiskPolicy policy,
                       boolean assessRisk, ActivityMonitor activity, Clock clock) {
        this.activity = activity;
        this.instances = instances;
        this.templates = templates;
        this.gate = gate;
        this.messageLog = messageLog;
        this.transports = transports;
        this.riskFacts = riskFacts;
        this.riskLedger = riskLedger;
        this.policy = policy;
        this.assessRisk = assessRisk;
        this.clock = clock;
        this.cleanDuplicateViolation = policy.duplicateContent().toCount(RiskAssessment.CLEAN);
    }

    @Override
    public SendMessageResult send(SendMessageCommand command) {
        // Steps 3 and 4: the purpose.
        Optional<Refusal> purposeRefusal = checkPurpose(command.messagePurpose());
        if (purposeRefusal.isPresent()) {
            return refused(purposeRefusal.get());
        }
        MessagePurpose purpose = MessagePurpose.fromWireName(((Input.Text) command.messagePurpose()).value()).orElseThrow();

        // Step 5: the fields.
        List<FieldError> problems = new ArrayList<>();
        Optional<String> instanceId = requireInstanceId(command.instanceId(), problems);
        Optional<PhoneNumber> phone = requirePhone(command.phone(), problems);
        Optional<Content> requested = requireContent(command.message(), command.template(), problems);
        if (!problems.isEmpty()) {
            return refused(new Refusal.InvalidFields(problems));
        }

        // Steps 6 and 7: the instance, and its review pause.
        Optional<Instance> found = InstanceId.isWellFormed(instanceId.get())
                ? instances.find(new InstanceId(instanceId.get())).filter(i -> i.belongsTo(command.accountId()))
                : Optional.empty();
        if (found.isEmpty()) {
            return refusedAndLogged(command, instanceId.get(), phone.get(), purpose, new Refusal.UnknownInstance());
        }
        Instance instance = found.get();
        if (instance.isPaused()) {
            return refusedAndLogged(command, instanceId.get(), phone.get(), purpose, new Refusal.InstancePaused());
        }

        // A template send: the template is looked up (one cached read; a text send makes none) and filled in.
        // From here on, its rendered text is the text: what the risk assessment and the fingerprint judge.
        Optional<RenderedTemplate> template = Optional.empty();
        if (requested.get() instanceof Content.TemplateRequest request) {
            switch (render(instance, purpose, request)) {
                case Rendering.Refused refused -> {
                    return refusedAndLogged(command, instanceId.get(), phone.get(), purpose, refused.refusal());
                }
                case Rendering.Rendered rendered -> template = Optional.of(rendered.template());
            }
        }
        Optional<MessageText> text = Optional.of(template.map(RenderedTemplate::text)
                .orElseGet(() -> ((Content.Text) requested.get()).text()));

        // Step 9, the part judged before anything is counted: the content, and the instance's recent behaviour;
        // the text is folded once for every rule of it. Its duplicate-content rule is the gate's, below.
        Optional<FoldedText> content = assessRisk ? Optional.of(FoldedText.of(text.get().value())) : Optional.empty();
        RiskPolicy.Assessed assessed = content.map(folded -> assess(instance, folded)).orElse(NOT_ASSESSED);
        RiskAssessment assessment = assessed.assessment();
        if (assessment.pauses()) {
            pause(instance, assessment);
            return refusedAndLogged(command, instanceId.get(), phone.get(), purpose, new Refusal.InstancePaused());
        }
        if (assessment.refuses()) {
            return violation(command, instance, phone.get(), purpose, assessment);
        }

        if (deadlinePassed(command)) {
            // The client may have given up already: nothing is counted or sent (contract §10).
            return refusedAndLogged(command, instanceId.get(), phone.get(), purpose, new Refusal.DeadlinePassed());
        }
        // Contract §13's window: a free-form message on a transport that enforces it needs the recipient to have
        // written in the last 24 hours; an approved template may go at any time. Checked by the gate right after
        // suppression (docs/design.md, "The window").
        boolean needsOpenWindow = template.isEmpty() && enforcesWindow(instance);
        // Steps 8 to 11 in one atomic step of the gate: suppression, the window, duplicate content (recorded as a
        // violation by the gate itself), the speed, daily and monthly limits.
        UsageWindows windows = UsageWindows.at(clock.instant(), instance.timeZone());
        GateOutcome outcome = gate.reserve(new SendReservation(
                new SendReservation.Send(command.accountId(), instance.id(), phone.get(), purpose, command.idempotencyKey()),
                blockingReasons(purpose), needsOpenWindow,
                content.map(folded -> duplicateContentRule(instance, folded, assessment)),
                instance.limits(), windows, assessment, conditionalRisk(assessed)));
        return switch (outcome) {
            case GateOutcome.Suppressed suppressed -> refused(new Refusal.RecipientSuppressed());
            case GateOutcome.WindowClosed closed -> refused(new Refusal.WindowClosed());
            case GateOutcome.DuplicateContent duplicate -> violated(instance,
                    policy.duplicateContent().assess(duplicate.recipients(), assessment), duplicate.violations());
            case GateOutcome.RiskConfirmed confirmed -> violated(instance, policy.withHeld(assessment,
                    conditionalRisk(assessed).orElseThrow().held(confirmed.held())), confirmed.violations());
            case GateOutcome.Exhausted exhausted -> refused(GateOutcome.refusalFor(exhausted, instance.limits(), windows));
            // Step 12: the transport, unless the client may have given up meanwhile.
            case GateOutcome.Reserved reserved -> deadlinePassed(command)
                    ? withdrawn(reserved.logId())
                    : deliver(instance, phone.get(), text.get(), template, reserved.logId(),
                            new QuotaStanding(instance.limits(), reserved.usage(), windows));
        };
    }

    private RiskPolicy.Assessed assess(Instance instance, FoldedText content) {
        BehaviourFacts facts = riskFacts.recentBehaviour(instance.id(), policy.failedDeliveries().ofLast(),
                policy.optOuts().window(), policy.optOuts().minimum());
        return policy.assessForSend(content, facts);
    }

    /**
     * Step 9's signals the gate judges with what it holds (a first message, a new host), for a send whose text links
     * somewhere, which few do. They go to the gate only when they could decide — when the score with all of them
     * would reach the block score —, so that a link in an ordinary message costs the gate no probe and stores no
     * assessment; its hosts are recorded as linked all the same when the send is reserved.
     */
    private Optional<SendReservation.ConditionalRisk> conditionalRisk(RiskPolicy.Assessed assessed) {
        if (assessed.conditional().isEmpty()) {
            return Optional.empty();
        }
        List<ConditionalSignal> all = assessed.conditional().size() > SendReservation.ConditionalRisk.MOST
                ? assessed.conditional().subList(0, SendReservation.ConditionalRisk.MOST) : assessed.conditional();
        Set<String> hosts = all.stream().map(ConditionalSignal::condition)
                .filter(ConditionalSignal.HostNew.class::isInstance).map(c -> ((ConditionalSignal.HostNew) c).host())
                .collect(Collectors.toSet());
        int atMost = assessed.assessment().score() + all.stream().mapToInt(s -> s.signal().weight()).sum();
        List<ConditionalSignal> deciding = atMost >= policy.blockScore() ? all : List.of();
        if (deciding.isEmpty() && hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SendReservation.ConditionalRisk(deciding, policy.blockScore(), policy.repeatedViolations(),
                hosts));
    }

    /** Step 9's duplicate-content rule, which the gate checks under the instance's lock (contract §3). */
    private SendReservation.DuplicateContentRule duplicateContentRule(Instance instance, FoldedText content,
                                                                      RiskAssessment assessment) {
        // What the gate records if it refuses the text; the same for every clean text, which most are.
        RiskAssessment violation = assessment == RiskAssessment.CLEAN
                ? cleanDuplicateViolation : policy.duplicateContent().toCount(assessment);
        return new SendReservation.DuplicateContentRule(
                ContentFingerprint.of(instance.id(), content), policy.duplicateContent().recipients(),
                policy.duplicateContent().window(), violation, policy.repeatedViolations());
    }

    /** Checked before the reservation and after it; a cache hit costs one clock read each. */
    private boolean deadlinePassed(SendMessageCommand command) {
        return !clock.instant().isBefore(command.deadline());
    }

    /**
     * The reservation completed after the deadline (a slow or recovering database): the client may have given up
     * and retried, so the send is never handed to the transport, and its quota goes back.
     */
    private SendMessageResult withdrawn(long logId) {
        gate.giveBack(logId, SendGate.GiveBack.DEADLINE_PASSED, clock.instant());
        LOG.log(System.Logger.Level.WARNING, () -> "log " + logId + ": reserved after the request's deadline; not sent");
        return refused(new Refusal.DeadlinePassed());
    }

    /** A refused send is recorded with its assessment (contract §3, step 9), then judged for the pause. */
    private SendMessageResult violation(SendMessageCommand command, Instance instance, PhoneNumber phone,
                                        MessagePurpose purpose, RiskAssessment assessment) {
        int violations = riskLedger.recordViolation(new RiskLedger.Violation(command.accountId(), instance.id(),
                phone.e164(), purpose.wireName(), assessment, clock.instant()), policy.repeatedViolations());
        return violated(instance, assessment, violations);
    }

    /**
     * A recorded violation: if it is one too many within the window, this very assessment pauses the instance and
     * the answer is the pause.
     */
    private SendMessageResult violated(Instance instance, RiskAssessment assessment, int violations) {
        Optional<RiskAssessment> pause = policy.repeatedViolations().assess(violations, assessment);
        if (pause.isPresent()) {
            pause(instance, pause.get());
            return refused(new Refusal.InstancePaused());
        }
        activity.sendRefusedForRisk(assessment.signals());
        return refused(new Refusal.PolicyViolation(assessment.score(), assessment.signals()));
    }

    /** The send that this assessment pauses its instance for is refused; the pause is counted once, by its cause. */
    private void pause(Instance instance, RiskAssessment pause) {
        activity.sendRefusedForRisk(pause.signals());
        if (riskLedger.pauseForReview(instance.id(), pause, clock.instant())) {
            activity.instancePaused(PauseCause.ofRules(pause.signals()));
        }
    }

    /** A map look-up: the instance's transport says whether its provider enforces the window. */
    private boolean enforcesWindow(Instance instance) {
        return transports.named(instance.transport()).map(Transport::enforcesCustomerServiceWindow).orElse(false);
    }

    /** Step 8's rule, decided here and checked by the ledger in the same statement as the limits. */
    private static Set<SuppressionReason> blockingReasons(MessagePurpose purpose) {
        return BLOCKING_REASONS.get(purpose);
    }

    private SendMessageResult deliver(Instance instance, PhoneNumber phone, MessageText text,
                                      Optional<RenderedTemplate> template, long logId, QuotaStanding quota) {
        Delivery delivery = attemptDelivery(new Transport.OutboundMessage(instance, phone, text, logId, template));
        return switch (delivery) {
            case Delivery.Delivered delivered -> {
                messageLog.markSent(logId, delivered.messageId(), clock.instant());
                yield new SendMessageResult.Sent(delivered.messageId(), logId, quota);
            }
            case Delivery.Failed failed -> {
                gate.giveBack(logId, SendGate.GiveBack.DELIVERY_FAILED, clock.instant());
                yield refused(new Refusal.DeliveryFailed(logId, failed.code(), failed.title()));
            }
            // It may have gone out: the quota stays counted, nothing is sent again, and a status settles the row.
            case Delivery.Unknown unknown -> {
                messageLog.markOutcomeUnknown(logId, clock.instant());
                yield new SendMessageResult.DeliveryUnknown(logId, unknown.code(), unknown.title(), quota);
            }
        };
    }

    /**
     * A transport that throws has failed like one that answered with an error: the quota goes back. The port asks
     * a transport to report a request that may have reached its provider as {@link Delivery.Unknown}; an exception
     * is a bug in the transport, not a report.
     */
    private Delivery attemptDelivery(Transport.OutboundMessage message) {
        Instance instance = message.instance();
        long logId = message.logId();
        Optional<Transport> transport = transports.named(instance.transport());
        if (transport.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "instance " + instance.id() + " names transport '"
                    + instance.transport() + "', which this deployment does not offer");
            return new Delivery.Failed("transport_unavailable", "The instance's transport is not available.");
        }
        long started = System.nanoTime();
        Delivery delivery;
        try {
            delivery = transport.get().deliver(message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "transport " + instance.transport() + " failed for log " + logId, e);
            delivery = new Delivery.Failed("transport_error", "The transport could not be reached.");
        }
        activity.transportAnswered(instance.transport(), switch (delivery) {
            case Delivery.Delivered ignored -> ActivityMonitor.TransportResult.DELIVERED;
            case Delivery.Failed ignored -> ActivityMonitor.TransportResult.FAILED;
            case Delivery.Unknown ignored -> ActivityMonitor.TransportResult.UNKNOWN;
        }, Duration.ofNanos(System.nanoTime() - started));
        return delivery;
    }

    private static Optional<Refusal> checkPurpose(Input declared) {
        if (declared.isAbsent() || (declared instanceof Input.Text t && t.value().isBlank())) {
            return Optional.of(new Refusal.PurposeRequired());
        }
        if (!(declared instanceof Input.Text text)) {
            return Optional.of(new Refusal.PurposeNotAllowed(String.valueOf(declared), false));
        }
        if (MessagePurpose.fromWireName(text.value()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal.PurposeNotAllowed(text.value(), MessagePurpose.isDisallowed(text.value())));
    }

    private static Optional<String> requireInstanceId(Input input, List<FieldError> problems) {
        Optional<String> id = input.nonBlankText();
        if (id.isEmpty()) {
            problems.add(new FieldError("instance_id", input.isAbsent() ? "is required" : "must be a non-empty string"));
        }
        return id;
    }

    private static Optional<PhoneNumber> requirePhone(Input input, List<FieldError> problems) {
        if (input.isAbsent()) {
            problems.add(new FieldError("phone", "is required"));
            return Optional.empty();
        }
        if (!(input instanceof Input.Text text)) {
            problems.add(new FieldError("phone", "must be a string"));
            return Optional.empty();
        }
        Optional<PhoneNumber> phone = PhoneNumber.parse(text.value());
        if (phone.isEmpty()) {
            problems.add(new FieldError("phone", "must be an international number in E.164 form, starting with + (e.g. +966501234567)"));
        }
        return phone;
    }

    /** What a request asks to send: a text, or a template by name and language with its parameters. */
    private sealed interface Content {
        record Text(MessageText text) implements Content {
        }

        record TemplateRequest(TemplateKey key, List<String> parameters) implements Content {
        }
    }

    /** Exactly one of {@code message} and {@code template} (contract §13); a null one counts as absent. */
    private static Optional<Content> requireContent(Input message, Input template, List<FieldError> problems) {
        if (!message.isAbsent() && !template.isAbsent()) {
            problems.add(new FieldError("template", "send either message or template, not both"));
            return Optional.empty();
        }
        if (!template.isAbsent()) {
            return requireTemplate(template, problems);
        }
        return requireText(message, problems).map(Content.Text::new);
    }

    /** The request's shape only; whether the instance holds such a template is judged after the instance is found. */
    private static Optional<Content> requireTemplate(Input input, List<FieldError> problems) {
        if (!(input instanceof Input.Fields template)) {
            problems.add(new FieldError("template", "must be an object {name, language, parameters}"));
            return Optional.empty();
        }
        int before = problems.size();
        Optional<String> name = template.field("name").nonBlankText();
        if (name.isEmpty() || TemplateKey.nameProblem(name.get()).isPresent()) {
            problems.add(new FieldError("template.name", template.field("name").isAbsent() ? "is required"
                    : TemplateKey.nameProblem(name.orElse("")).orElseThrow()));
        }
        Optional<String> language = template.field("language").nonBlankText();
        if (language.isEmpty() || TemplateKey.languageProblem(language.get()).isPresent()) {
            problems.add(new FieldError("template.language", template.field("language").isAbsent() ? "is required"
                    : TemplateKey.languageProblem(language.orElse("")).orElseThrow()));
        }
        List<String> parameters = new ArrayList<>();
        Input given = template.field("parameters");
        if (given instanceof Input.Items items && items.items().size() <= MAX_PARAMETERS
                && items.items().stream().allMatch(Input.Text.class::isInstance)) {
            items.items().forEach(item -> parameters.add(((Input.Text) item).value()));
        } else if (!given.isAbsent()) {
            problems.add(new FieldError("template.parameters",
                    "must be an array of at most " + MAX_PARAMETERS + " strings"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Content.TemplateRequest(new TemplateKey(name.get(), language.get()), parameters));
    }

    /** What a template request comes to on this instance: its rendering, or why not. */
    private sealed interface Rendering {
        record Rendered(RenderedTemplate template) implements Rendering {
        }

        record Refused(Refusal refusal) implements Rendering {
        }
    }

    /**
     * Contract §13's refusals, in this order: a template the instance does not hold; one of category
     * {@code marketing}, refused as a purpose the gateway does not allow whatever the request declared; one that is
     * not approved (pending, paused, rejected…); one whose category does not fit the declared purpose; parameters
     * that do not fill it.
     */
    private Rendering render(Instance instance, MessagePurpose purpose, Content.TemplateRequest request) {
        Optional<Template> found = templates.find(instance.id(), request.key());
        if (found.isEmpty()) {
            return invalidTemplate("is not a template of this instance (name " + request.key().name()
                    + ", language " + request.key().language() + ")");
        }
        Template template = found.get();
        if (template.category() == TemplateCategory.MARKETING) {
            return new Rendering.Refused(new Refusal.PurposeNotAllowed(TemplateCategory.MARKETING.wireName(), true));
        }
        if (!template.status().sendable()) {
            return invalidTemplate("is " + template.status().wireName() + ", not approved");
        }
        TemplateCategory needed = TemplateCategory.requiredFor(purpose);
        if (template.category() != needed) {
            return invalidTemplate("is a " + template.category().wireName() + " template; message_purpose "
                    + purpose.wireName() + " needs a " + needed.wireName() + " template");
        }
        Optional<String> problem = template.problemWith(request.parameters());
        if (problem.isPresent()) {
            return invalidTemplate(problem.get());
        }
        return new Rendering.Rendered(template.render(request.parameters()));
    }

    private static Rendering invalidTemplate(String reason) {
        return new Rendering.Refused(new Refusal.InvalidFields(List.of(new FieldError("template", reason))));
    }

    private static Optional<MessageText> requireText(Input input, List<FieldError> problems) {
        if (input.isAbsent()) {
            problems.add(new FieldError("message", "is required (or template)"));
            return Optional.empty();
        }
        if (!(input instanceof Input.Text text)) {
            problems.add(new FieldError("message", "must be a string"));
            return Optional.empty();
        }
        String problem = MessageText.problemWith(text.value());
        if (problem != null) {
            problems.add(new FieldError("message", problem));
            return Optional.empty();
        }
        return Optional.of(new MessageText(text.value()));
    }

    private SendMessageResult refusedAndLogged(SendMessageCommand command, String instanceId, PhoneNumber phone,
                                               MessagePurpose purpose, Refusal refusal) {
        messageLog.recordRefusal(new MessageLog.RefusedRequest(command.accountId(), instanceId,
                Optional.of(phone.e164()), Optional.of(purpose.wireName()), refusal.reason(), clock.instant()));
        return refused(refusal);
    }

    private static SendMessageResult refused(Refusal refusal) {
        return new SendMessageResult.Refused(refusal);
    }
}
