package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.Page;
import com.google.protobuf.Message;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.StackName;
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
import org.springframework.transaction.support.TransactionOperations;

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
  /** The kind as one that lives inside a cluster; null for the cluster itself. */
  private final @Nullable AttachedKind<M, S> attached;
  private final ResourceStore resources;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final ClusterResolver clusters;
  private final JobService jobs;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionOperations transactions;

  /**
   * @param transactions what each change runs in: the resource, its token and its job are written
   *     together or not at all
   */
  @SuppressWarnings("unchecked") // an AttachedKind of this kind has the kind's own type parameters
  public ResourceService(
      ResourceValidator<M, S> validator, ResourceRecords records, JobService jobs, AuditLog audit, Clock clock,
      TransactionOperations transactions) {
    this.validator = validator;
    this.kind = validator.kind();
    this.attached = kind instanceof AttachedKind<?, ?> inside ? (AttachedKind<M, S>) inside : null;
    this.resources = records.resources();
    this.credentials = records.credentials();
    this.outputs = records.outputs();
    this.clusters = records.clusters();
    this.jobs = jobs;
    this.audit = audit;
    this.clock = clock;
    this.transactions = transactions;
  }

  public ResourceKind<M, S> kind() {
    return kind;
  }

  /**
   * Judges a request, writing nothing, as the validate endpoint does. A cluster's request is judged
   * on its own (a missing token is advice: the cluster it is for may hold one); that of a resource
   * inside a cluster as its create would be, against the cluster it names and what lives in it.
   */
  public ValidationOutcome<S> validate(ResourceRequest<M> request) {
    if (attached == null) {
      ValidationOutcome<S> outcome = validator.validate(request);
      Findings limit = orgLimitFindings(request);
      List<Violation> violations = new ArrayList<>(outcome.violations());
      violations.addAll(limit.violations());
      List<Advisory> advisories = new ArrayList<>(outcome.advisories());
      advisories.addAll(limit.advisories());
      return new ValidationOutcome<>(violations, advisories, violations.isEmpty() ? outcome.spec() : null);
    }
    return transactions.execute(status -> {
      try {
        Placed<S> placed = placed(request, null);
        return new ValidationOutcome<>(List.of(), placed.advisories(), placed.spec());
      } catch (InvalidSpecException e) {
        return new ValidationOutcome<>(e.outcome().violations(), e.outcome().advisories(), null);
      }
    });
  }

  /**
   * Names the resource's stack, once and for good, and queues its first UP. A resource inside a
   * cluster is judged against the cluster it names, and its job waits for none of that cluster's.
   *
   * @throws InvalidSpecException when the request breaks a rule
   * @throws ResourceAlreadyExistsException when a resource of that kind and name is managed here
   * @throws StackInUseException when the stack is another resource's
   */
  public Submission create(ResourceRequest<M> request, String requestedBy) {
    return transactions.execute(status -> {
      Placed<S> placed = withinOrgLimit(request, placed(request, null));
      S spec = placed.spec();
      M manifest = request.manifest();
      refuseTaken(request, placed);
      CloudResourceMetadata metadata = RequestRules.metadataOf(manifest);
      ManagedResource.Labels labels = placed.labels(kind.labels(spec));
      ManagedResource resource =
          new ManagedResource(UUID.randomUUID(), kind.name(), spec.resourceName(), placed.clusterId(), metadata.getOrg(), metadata.getEnv(),
              labels.engine(), labels.region(), spec.stack(), 1, manifest, ResourceState.PENDING, null, requestedBy, clock.instant(),
              clock.instant());
      if (!resources.insert(resource, placed.nameKey())) {
        // A concurrent create took the name or the stack between the check and the insert.
        refuseTaken(request, placed);
        throw new IllegalStateException("the insert of " + kind.noun() + " " + resource.name() + " was refused, yet neither its name nor its stack is taken");
      }
      request.token().ifPresent(token -> credentials.add(resource.id(), token, clock.instant()));
      Job job = jobs.submit(newJob(resource, Operation.UP, spec, requestedBy, placed.advisories()));
      return audited(new Submission(resource, job, placed.advisories()), "create");
    });
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
  public Submission update(UUID id, ResourceRequest<M> request, String etag, boolean confirmReplacement, String requestedBy) {
    return transactions.execute(status -> {
      ManagedResource current = find(id);
      if (!current.etag().equals(etag)) {
        throw new SpecVersionMismatchException(current, kind.noun());
      }
      Placed<S> placed = placed(request, current);
      S proposed = placed.spec();
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
      String nameKey = placed.nameKey();
      if (!nameKey.equals(nameKey(current))) {
        resources.findByNameKey(nameKey).ifPresent(other -> {
          throw new ResourceAlreadyExistsException(other, kind.noun());
        });
      }
      CloudResourceMetadata metadata = RequestRules.metadataOf(manifest);
      ManagedResource updated = current.updated(
          proposed.resourceName(), placed.labels(kind.labels(proposed)), manifest, metadata.getOrg(), metadata.getEnv(), clock.instant());
      if (!resources.updateSpec(updated, nameKey, current.specVersion())) {
        throw new SpecVersionMismatchException(find(id), kind.noun());
      }
      request.token().ifPresent(token -> credentials.put(id, token, clock.instant()));
      List<Advisory> warnings = new ArrayList<>(placed.advisories());
      replacements.forEach(r -> warnings.add(new Advisory(r.field(), "dbplane.replacement_confirmed", r.message())));
      if (!StackNames.key(proposed.stack()).equals(StackNames.key(current.stack()))) {
        warnings.add(new Advisory(request.manifestPath() + "metadata", "dbplane.stack_kept",
            "the " + kind.noun() + " stays in its stack " + current.stack() + ", named when it was created; the changed metadata would name "
                + proposed.stack() + ", which is not used"));
      }
      Job job = jobs.submit(newJob(updated, Operation.UP, inStack(manifest, placed, current.stack()), requestedBy, warnings));
      return audited(new Submission(updated, job, warnings), confirmReplacement && !replacements.isEmpty() ? "replace" : "update");
    });
  }

  /**
   * Queues a preview: of the resource's current spec, or of a proposed one (which is not stored).
   */
  public Submission preview(UUID id, @Nullable ResourceRequest<M> proposed, String requestedBy) {
    return transactions.execute(status -> {
      ManagedResource resource = find(id);
      if (proposed == null) {
        return jobOnCurrentSpec(resource, Operation.PREVIEW, requestedBy);
      }
      Placed<S> placed = placed(proposed, resource);
      Job job = jobs.submit(newJob(resource, Operation.PREVIEW, inStack(proposed.manifest(), placed, resource.stack()), requestedBy, placed.advisories()));
      return audited(new Submission(resource, job, placed.advisories()), "preview");
    });
  }

  /**
   * Queues a drift check: compares the stack with DigitalOcean and reports what drifted, changing
   * nothing; a resource that drifted is marked so.
   */
  public Submission driftCheck(UUID id, String requestedBy) {
    return transactions.execute(status -> jobOnCurrentSpec(find(id), Operation.DRIFT_CHECK, requestedBy));
  }

  /** Queues a refresh: compares the stack with DigitalOcean and reports what drifted. */
  public Submission refresh(UUID id, String requestedBy) {
    return transactions.execute(status -> jobOnCurrentSpec(find(id), Operation.REFRESH, requestedBy));
  }

  /**
   * Queues a password rotation: DigitalOcean gives the resource a new password (the old one stops
   * working at once), which its outputs then hold, sealed.
   *
   * @throws NoOutputsException when it was never provisioned, and so has no password yet
   */
  public Submission rotatePassword(UUID id, String requestedBy) {
    return transactions.execute(status -> {
      ManagedResource resource = find(id);
      if (outputs.get(id).isEmpty()) {
        throw new NoOutputsException(kind.noun(), resource.name(), "it has no password to rotate until its first UP succeeds");
      }
      return jobOnCurrentSpec(resource, Operation.ROTATE_PASSWORD, requestedBy);
    });
  }

  /**
   * Queues the destroy of the resource; its record goes only once the destroy succeeded. A cluster
   * that resources live in is destroyed only when the caller asks to destroy them with it: the job
   * then destroys them first, one at a time (pools before the users and databases they use), each
   * record going as its resource goes.
   *
   * @param confirmation must be the resource's name
   * @param withWhatLivesInIt whether what lives in the resource is destroyed first, in the same job
   * @throws ResourceInUseException when resources still live in it and were not asked to go with it
   */
  public Submission destroy(UUID id, @Nullable String confirmation, boolean withWhatLivesInIt, String requestedBy) {
    return transactions.execute(status -> {
      ManagedResource resource = find(id);
      if (!resource.name().equals(confirmation)) {
        throw new DestroyNotConfirmedException(resource.name());
      }
      List<ManagedResource> inside = resources.inCluster(id);
      if (!inside.isEmpty() && !withWhatLivesInIt) {
        throw new ResourceInUseException(resource, kind.noun(), inside);
      }
      List<Advisory> warnings = inside.isEmpty() ? List.of() : List.of(new Advisory("", "dbplane.destroyed_with",
          "destroys first, in this job, the " + inside.size() + " resource(s) that live in the " + kind.noun() + ": "
              + String.join(", ", inside.stream().map(r -> r.kind() + " " + r.name()).toList())));
      Job job = jobs.submit(newJob(resource, Operation.DESTROY, currentSpec(resource), requestedBy, warnings));
      resources.setState(id, ResourceState.DESTROYING, clock.instant());
      inside.forEach(r -> resources.setState(r.id(), ResourceState.DESTROYING, clock.instant()));
      return audited(new Submission(find(id), job, warnings), inside.isEmpty() ? "destroy" : "destroy_with_inside");
    });
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
  public ResourceOutputs reveal(UUID id, String revealedBy) {
    return transactions.execute(status -> {
      ManagedResource resource = find(id);
      ResourceOutputs revealed = outputs.get(id).orElseThrow(
          () -> new NoOutputsException(kind.noun(), resource.name(), "its first UP has not succeeded"));
      audit.record(revealedBy, "outputs.reveal", id, "revealed the outputs of " + resource.name());
      return revealed;
    });
  }

  /** The manifest of a stored resource, as its kind's message. */
  public M manifestOf(ManagedResource resource) {
    return kind.manifestType().cast(resource.manifest());
  }

  /** Only a cluster has resources inside it: a resource inside one is not asked. */
  private ResourceDetails details(ManagedResource resource) {
    return new ResourceDetails(resource, outputs.get(resource.id()), jobs.latestFor(resource.id()), jobs.activeFor(resource.id()),
        attached == null ? resources.inCluster(resource.id()) : List.of(), jobs.latestVerificationFor(resource.id()));
  }

  private Submission jobOnCurrentSpec(ManagedResource resource, Operation operation, String requestedBy) {
    Job job = jobs.submit(newJob(resource, operation, currentSpec(resource), requestedBy, List.of()));
    return audited(new Submission(resource, job, List.of()), operation.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The request judged, its spec normalised and, for a resource inside a cluster, judged against the
   * cluster it names (and the kind's other resources there) and bound to it.
   *
   * @param current the resource an update or preview is for; null for a create
   */
  private Placed<S> placed(ResourceRequest<M> request, @Nullable ManagedResource current) {
    boolean holdsToken = current != null && (credentials.holds(current.id())
        || (current.clusterId() != null && credentials.holds(current.clusterId())));
    if (attached == null) {
      ValidationOutcome<S> outcome = validOrThrow(request, holdsToken);
      return new Placed<>(outcome.provisioningSpec().orElseThrow(), outcome.advisories(), Optional.empty(), nameKey(kind.name(), null,
          outcome.provisioningSpec().orElseThrow()));
    }
    M manifest = request.manifest();
    ValidationOutcome<S> judged = validator.validateSubmission(request, true);
    if (!judged.valid()) {
      throw new InvalidSpecException(judged);
    }
    ClusterTarget target = clusters.resolve(attached.clusterOf(manifest), RequestRules.metadataOf(manifest), request.manifestPath() + attached.clusterField());
    // The resource's jobs act with its own token, or else with the token of the cluster it lives in.
    if (!holdsToken && !target.managedId().map(credentials::holds).orElse(false)) {
      validOrThrow(request, false);
    }
    Findings findings = new Findings(request.manifestPath());
    target.facts().ifPresentOrElse(
        facts -> attached.checkAgainst(manifest, facts, others(target, current), findings),
        () -> findings.advise(attached.clusterField(), "dbplane.cluster.unmanaged",
            "the cluster " + target.digitalOceanId() + " is not managed here: what this " + kind.noun()
                + " needs of it (its engine, its size) was not checked, and DigitalOcean will judge it"));
    if (!findings.violations().isEmpty()) {
      throw new InvalidSpecException(new ValidationOutcome<>(findings.violations(), judged.advisories(), null));
    }
    List<Advisory> advisories = new ArrayList<>(judged.advisories());
    advisories.addAll(findings.advisories());
    S spec = attached.bindCluster(judged.provisioningSpec().orElseThrow(), target.digitalOceanId());
    return new Placed<>(spec, advisories, Optional.of(target), nameKey(kind.name(), target, spec));
  }

  /**
   * The request judged by how many of the kind its org may have in its environment: one more than
   * that is refused, or, where the limit advises, accepted with a warning.
   */
  private Placed<S> withinOrgLimit(ResourceRequest<M> request, Placed<S> placed) {
    Findings findings = orgLimitFindings(request);
    if (!findings.violations().isEmpty()) {
      throw new InvalidSpecException(new ValidationOutcome<>(findings.violations(), placed.advisories(), null));
    }
    List<Advisory> advisories = new ArrayList<>(placed.advisories());
    advisories.addAll(findings.advisories());
    return new Placed<>(placed.spec(), advisories, placed.target(), placed.nameKey());
  }

  private Findings orgLimitFindings(ResourceRequest<M> request) {
    Findings findings = new Findings(request.manifestPath());
    CloudResourceMetadata metadata = RequestRules.metadataOf(request.manifest());
    kind.orgLimit(metadata.getEnv()).ifPresent(limit -> {
      long count = resources.countInOrg(kind.name(), metadata.getOrg(), metadata.getEnv());
      if (count >= limit.max()) {
        String message = "org " + metadata.getOrg() + " has " + count + " " + kind.noun() + "(s) in env " + metadata.getEnv()
            + ", the most the policy of that env allows (" + limit.max() + ")";
        findings.policyBroken(limit.enforced(), "metadata.org", limit.rule(), message);
      }
    });
    return findings;
  }

  /** The normalised specs of the kind's other resources in the same managed cluster. */
  private List<S> others(ClusterTarget target, @Nullable ManagedResource current) {
    return target.managedId().stream()
        .flatMap(clusterId -> resources.inCluster(kind.name(), clusterId).stream())
        .filter(other -> current == null || !other.id().equals(current.id()))
        .map(this::currentSpec)
        .toList();
  }

  /** The placed spec in the stack the resource was created in: a resource keeps its stack. */
  private S inStack(M manifest, Placed<S> placed, StackName stack) {
    S spec = kind.normalise(manifest, stack);
    return attached == null ? spec : attached.bindCluster(spec, placed.target().orElseThrow().digitalOceanId());
  }

  private void refuseTaken(ResourceRequest<M> request, Placed<S> placed) {
    resources.findByNameKey(placed.nameKey()).ifPresent(existing -> {
      throw new ResourceAlreadyExistsException(existing, kind.noun());
    });
    resources.findByStack(placed.spec().stack()).ifPresent(holder -> {
      throw new StackInUseException(
          request.manifestPath() + StackNames.sourceField(RequestRules.metadataOf(request.manifest())), placed.spec().stack(), holder, kind.noun());
    });
  }

  /**
   * What two resources of the kind may not share: a cluster's name is unique in the account, the
   * name of a resource inside a cluster in that cluster.
   */
  private static String nameKey(String kind, @Nullable ClusterTarget target, ResourceSpec spec) {
    return kind + "/" + (target == null ? "" : target.key() + "/") + spec.resourceName();
  }

  private String nameKey(ManagedResource resource) {
    ClusterTarget target = attached == null ? null : clusters.stored(resource, attached.clusterOf(manifestOf(resource)));
    return nameKey(kind.name(), target, currentSpec(resource));
  }

  private Submission audited(Submission submission, String action) {
    audit.record(submission.job().requestedBy(), kind.noun() + "." + action, submission.resource().id(),
        "job " + submission.job().id() + " (" + submission.job().operation() + ") for " + submission.resource().name());
    return submission;
  }

  /** The spec the resource has now, in the stack it was created in, bound to the cluster it is in. */
  private S currentSpec(ManagedResource resource) {
    return clusters.specOf(kind, resource);
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

  private ManagedResource find(UUID id) {
    return resources.find(kind.name(), id).orElseThrow(() -> new ResourceNotFoundException(kind.noun(), id));
  }

  /** A job of a resource inside a managed cluster holds that cluster's lock; any other, its own. */
  private static NewJob newJob(ManagedResource resource, Operation operation, ResourceSpec spec, String requestedBy, List<Advisory> warnings) {
    return new NewJob(resource.id(), resource.name(), operation, requestedBy, resource.specVersion(), spec,
        warnings.stream().map(w -> w.field() + ": " + w.message()).toList(),
        resource.clusterId() == null ? resource.id() : resource.clusterId());
  }

  /**
   * A request judged and placed: its spec (bound to its cluster), its advice, the cluster it is in,
   * and the key of its name.
   */
  private record Placed<S extends ResourceSpec>(S spec, List<Advisory> advisories, Optional<ClusterTarget> target, String nameKey) {

    @Nullable UUID clusterId() {
      return target.flatMap(ClusterTarget::managedId).orElse(null);
    }

    /** A resource inside a cluster is listed under the cluster's engine. */
    ManagedResource.Labels labels(ManagedResource.Labels own) {
      return target.flatMap(ClusterTarget::facts).map(facts -> new ManagedResource.Labels(facts.engine(), own.region())).orElse(own);
    }
  }
}
