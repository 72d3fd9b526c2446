package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.Page;
import com.google.protobuf.Message;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobService;
import dev.dbplane.job.NewJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.project_planton.shared.CloudResourceMetadata;
import org.springframework.transaction.annotation.Transactional;

/**
 * What callers do with the resources of one kind: create, update, preview, refresh, destroy, read.
 * Every accepted request writes the resource and queues its job in one transaction; a refused one
 * writes nothing.
 *
 * @param <M> the kind's manifest
 * @param <S> the kind's normalised spec
 */
public class ResourceService<M extends Message, S extends ResourceSpec> {

  private final ResourceValidator<M, S> validator;
  private final ResourceKind<M, S> kind;
  private final ResourceStore resources;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final JobService jobs;
  private final AuditLog audit;
  private final Clock clock;

  public ResourceService(
      ResourceValidator<M, S> validator,
      ResourceStore resources,
      CredentialStore credentials,
      OutputStore outputs,
      JobService jobs,
      AuditLog audit,
      Clock clock) {
    this.validator = validator;
    this.kind = validator.kind();
    this.resources = resources;
    this.credentials = credentials;
    this.outputs = outputs;
    this.jobs = jobs;
    this.audit = audit;
    this.clock = clock;
  }

  public ResourceKind<M, S> kind() {
    return kind;
  }

  /**
   * Names the resource's stack, once and for good, and queues its first UP.
   *
   * @throws InvalidSpecException when the request breaks a rule
   * @throws ResourceAlreadyExistsException when a resource of that kind and name is managed here
   * @throws StackInUseException when the stack is another resource's
   */
  @Transactional
  public Submission create(ResourceRequest<M> request, String requestedBy) {
    ValidationOutcome<S> outcome = validOrThrow(request, false);
    S spec = outcome.provisioningSpec().orElseThrow();
    M manifest = request.manifest();
    refuseTaken(request, spec);
    CloudResourceMetadata metadata = RequestRules.metadataOf(manifest);
    ManagedResource resource =
        new ManagedResource(UUID.randomUUID(), kind.name(), spec.resourceName(), null, metadata.getOrg(), metadata.getEnv(),
            kind.labels(spec).engine(), kind.labels(spec).region(), spec.stack(), 1, manifest, ResourceState.PENDING, requestedBy,
            clock.instant(), clock.instant());
    if (!resources.insert(resource, nameKey(spec))) {
      // A concurrent create took the name or the stack between the check and the insert.
      refuseTaken(request, spec);
      throw new IllegalStateException("the insert of " + kind.noun() + " " + resource.name() + " was refused, yet neither its name nor its stack is taken");
    }
    tokenOf(request).ifPresent(token -> credentials.add(resource.id(), token, clock.instant()));
    Job job = jobs.submit(newJob(resource, Operation.UP, spec, requestedBy, outcome.advisories()));
    return audited(new Submission(resource, job, outcome.advisories()), "create");
  }

  /**
   * Replaces the resource's spec and queues an UP.
   *
   * @param etag the ETag the caller read (If-Match)
   * @param confirmReplacement whether the caller accepts that the change replaces the resource
   * @throws SpecVersionMismatchException when the spec changed since the caller read it
   * @throws ReplacementNotConfirmedException when the change replaces the resource unconfirmed
   * @throws UnsupportedChangeException when DigitalOcean cannot make the change
   */
  @Transactional
  public Submission update(UUID id, ResourceRequest<M> request, String etag, boolean confirmReplacement, String requestedBy) {
    ManagedResource current = find(id);
    if (!current.etag().equals(etag)) {
      throw new SpecVersionMismatchException(current, kind.noun());
    }
    ValidationOutcome<S> outcome = validOrThrow(request, credentials.holds(id));
    S proposed = outcome.provisioningSpec().orElseThrow();
    M manifest = request.manifest();
    ChangeVerdict verdict = kind.judgeChange(currentSpec(current), proposed);
    List<Violation> unsupported = new ArrayList<>(
        StackNames.labelChanges(RequestRules.metadataOf(current.manifest()), RequestRules.metadataOf(manifest), current.stack()));
    unsupported.addAll(verdict.unsupported());
    if (!unsupported.isEmpty()) {
      throw new UnsupportedChangeException(inManifest(request, unsupported));
    }
    List<Violation> replacements = inManifest(request, verdict.replacements());
    if (!replacements.isEmpty() && !confirmReplacement) {
      throw new ReplacementNotConfirmedException(replacements);
    }
    if (!nameKey(proposed).equals(nameKey(currentSpec(current)))) {
      resources.findByNameKey(nameKey(proposed)).ifPresent(other -> {
        throw new ResourceAlreadyExistsException(other, kind.noun());
      });
    }
    CloudResourceMetadata metadata = RequestRules.metadataOf(manifest);
    ManagedResource updated =
        current.updated(proposed.resourceName(), kind.labels(proposed), manifest, metadata.getOrg(), metadata.getEnv(), clock.instant());
    if (!resources.updateSpec(updated, nameKey(proposed), current.specVersion())) {
      throw new SpecVersionMismatchException(find(id), kind.noun());
    }
    tokenOf(request).ifPresent(token -> credentials.put(id, token, clock.instant()));
    List<Advisory> warnings = new ArrayList<>(outcome.advisories());
    replacements.forEach(r -> warnings.add(new Advisory(r.field(), "dbplane.replacement_confirmed", r.message())));
    if (!StackNames.key(proposed.stack()).equals(StackNames.key(current.stack()))) {
      warnings.add(new Advisory(request.manifestPath() + "metadata", "dbplane.stack_kept",
          "the " + kind.noun() + " stays in its stack " + current.stack() + ", named when it was created; the changed metadata would name "
              + proposed.stack() + ", which is not used"));
    }
    Job job = jobs.submit(newJob(updated, Operation.UP, kind.normalise(manifest, current.stack()), requestedBy, warnings));
    return audited(new Submission(updated, job, warnings), confirmReplacement && !replacements.isEmpty() ? "replace" : "update");
  }

  /**
   * Queues a preview: of the resource's current spec, or of a proposed one (which is not stored).
   */
  @Transactional
  public Submission preview(UUID id, @Nullable ResourceRequest<M> proposed, String requestedBy) {
    ManagedResource resource = find(id);
    if (proposed == null) {
      return readOnlyJob(resource, Operation.PREVIEW, requestedBy);
    }
    ValidationOutcome<S> outcome = validOrThrow(proposed, credentials.holds(id));
    S spec = kind.normalise(proposed.manifest(), resource.stack());
    Job job = jobs.submit(newJob(resource, Operation.PREVIEW, spec, requestedBy, outcome.advisories()));
    return audited(new Submission(resource, job, outcome.advisories()), "preview");
  }

  /** Queues a refresh: compares the stack with DigitalOcean and reports what drifted. */
  @Transactional
  public Submission refresh(UUID id, String requestedBy) {
    return readOnlyJob(find(id), Operation.REFRESH, requestedBy);
  }

  /**
   * Queues the destroy of the resource; its record goes only once the destroy succeeded.
   *
   * @param confirmation must be the resource's name
   */
  @Transactional
  public Submission destroy(UUID id, @Nullable String confirmation, String requestedBy) {
    ManagedResource resource = find(id);
    if (!resource.name().equals(confirmation)) {
      throw new DestroyNotConfirmedException(resource.name());
    }
    Job job = jobs.submit(newJob(resource, Operation.DESTROY, currentSpec(resource), requestedBy, List.of()));
    resources.setState(id, ResourceState.DESTROYING, clock.instant());
    return audited(new Submission(find(id), job, List.of()), "destroy");
  }

  public ResourceDetails get(UUID id) {
    return details(find(id));
  }

  public Page<ResourceDetails> list(ResourceFilter filter, int page, int size) {
    return resources.page(kind.name(), filter, page, size).map(this::details);
  }

  /**
   * The resource's outputs with their secret values, for a caller allowed to see them; each reveal
   * is audited.
   */
  @Transactional
  public ResourceOutputs reveal(UUID id, String revealedBy) {
    ManagedResource resource = find(id);
    ResourceOutputs revealed = outputs.get(id).orElseThrow(() -> new NoOutputsException(resource.name()));
    audit.record(revealedBy, "outputs.reveal", id, "revealed the outputs of " + resource.name());
    return revealed;
  }

  /** The manifest of a stored resource, as its kind's message. */
  public M manifestOf(ManagedResource resource) {
    return kind.manifestType().cast(resource.manifest());
  }

  private ResourceDetails details(ManagedResource resource) {
    return new ResourceDetails(resource, outputs.get(resource.id()), jobs.latestFor(resource.id()), jobs.activeFor(resource.id()));
  }

  private Submission readOnlyJob(ManagedResource resource, Operation operation, String requestedBy) {
    Job job = jobs.submit(newJob(resource, operation, currentSpec(resource), requestedBy, List.of()));
    return audited(new Submission(resource, job, List.of()), operation.name().toLowerCase(Locale.ROOT));
  }

  private void refuseTaken(ResourceRequest<M> request, S spec) {
    resources.findByNameKey(nameKey(spec)).ifPresent(existing -> {
      throw new ResourceAlreadyExistsException(existing, kind.noun());
    });
    resources.findByStack(spec.stack()).ifPresent(holder -> {
      throw new StackInUseException(
          request.manifestPath() + StackNames.sourceField(RequestRules.metadataOf(request.manifest())), spec.stack(), holder, kind.noun());
    });
  }

  /** What two resources of the kind may not share: a cluster's name is unique in the account. */
  private String nameKey(S spec) {
    return kind.name() + "/" + spec.resourceName();
  }

  private Submission audited(Submission submission, String action) {
    audit.record(submission.job().requestedBy(), kind.noun() + "." + action, submission.resource().id(),
        "job " + submission.job().id() + " (" + submission.job().operation() + ") for " + submission.resource().name());
    return submission;
  }

  /** The spec the resource has now, in the stack it was created in. */
  private S currentSpec(ManagedResource resource) {
    return kind.normalise(manifestOf(resource), resource.stack());
  }

  private ValidationOutcome<S> validOrThrow(ResourceRequest<M> request, boolean resourceHoldsToken) {
    ValidationOutcome<S> outcome = validator.validateSubmission(request, resourceHoldsToken);
    if (!outcome.valid()) {
      throw new InvalidSpecException(outcome);
    }
    return outcome;
  }

  /** The change rules name fields of the manifest; the caller named them within the request sent. */
  private static List<Violation> inManifest(ResourceRequest<?> request, List<Violation> violations) {
    return violations.stream().map(v -> new Violation(request.manifestPath() + v.field(), v.rule(), v.message())).toList();
  }

  private static Optional<Secret> tokenOf(ResourceRequest<?> request) {
    return request.providerConfig().map(config -> config.getApiToken()).filter(token -> !token.isBlank()).map(Secret::of);
  }

  private ManagedResource find(UUID id) {
    return resources.find(kind.name(), id).orElseThrow(() -> new ResourceNotFoundException(kind.noun(), id));
  }

  private static NewJob newJob(ManagedResource resource, Operation operation, ResourceSpec spec, String requestedBy, List<Advisory> warnings) {
    return new NewJob(resource.id(), resource.name(), operation, requestedBy, resource.specVersion(), spec,
        warnings.stream().map(w -> w.field() + ": " + w.message()).toList());
  }
}
