package dev.dbplane.cluster;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.Page;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Secret;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobService;
import dev.dbplane.job.NewJob;
import dev.dbplane.common.Page;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.CredentialStore;
import dev.dbplane.resource.DestroyNotConfirmedException;
import dev.dbplane.resource.InvalidSpecException;
import dev.dbplane.resource.NoOutputsException;
import dev.dbplane.resource.OutputStore;
import dev.dbplane.resource.ReplacementNotConfirmedException;
import dev.dbplane.resource.ResourceOutputs;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.StackNames;
import dev.dbplane.resource.UnsupportedChangeException;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.resource.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.transaction.annotation.Transactional;

/**
 * What callers do with clusters: create, update, preview, refresh, destroy, read. Every accepted
 * request writes the cluster and queues its job in one transaction; a refused one writes nothing.
 */
public class ClusterService {

  private final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator;
  private final ClusterStore clusters;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final JobService jobs;
  private final AuditLog audit;
  private final Clock clock;

  ClusterService(
      ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator,
      ClusterStore clusters,
      CredentialStore credentials,
      OutputStore outputs,
      JobService jobs,
      AuditLog audit,
      Clock clock) {
    this.validator = validator;
    this.clusters = clusters;
    this.credentials = credentials;
    this.outputs = outputs;
    this.jobs = jobs;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Names the cluster's stack, once and for good, and queues its first UP.
   *
   * @throws InvalidSpecException when the request breaks a rule
   * @throws ClusterAlreadyExistsException when a cluster of that name is managed here
   * @throws StackInUseException when the stack is another cluster's
   */
  @Transactional
  public Submission create(ResourceRequest<DigitalOceanDatabaseCluster> request, String requestedBy) {
    ValidationOutcome<ClusterSpec> outcome = validOrThrow(request, false);
    ClusterSpec spec = outcome.provisioningSpec().orElseThrow();
    DigitalOceanDatabaseCluster manifest = request.manifest();
    refuseTaken(request, spec);
    Cluster cluster =
        new Cluster(UUID.randomUUID(), spec.clusterName(), manifest.getMetadata().getOrg(), manifest.getMetadata().getEnv(),
            spec.engine(), spec.region(), spec.stack(), 1, manifest, ClusterState.PENDING, requestedBy, clock.instant(), clock.instant());
    if (!clusters.insert(cluster)) {
      // A concurrent create took the name or the stack between the check and the insert.
      refuseTaken(request, spec);
      throw new IllegalStateException("the insert of cluster " + cluster.name() + " was refused, yet neither its name nor its stack is taken");
    }
    tokenOf(request).ifPresent(token -> credentials.add(cluster.id(), token, clock.instant()));
    Job job = jobs.submit(newJob(cluster, Operation.UP, spec, requestedBy, outcome.advisories()));
    return audited(new Submission(cluster, job, outcome.advisories()), "cluster.create");
  }

  /**
   * Replaces the cluster's spec and queues an UP.
   *
   * @param etag the ETag the caller read (If-Match)
   * @param confirmReplacement whether the caller accepts that the change replaces the cluster
   * @throws SpecVersionMismatchException when the spec changed since the caller read it
   * @throws ReplacementNotConfirmedException when the change replaces the cluster unconfirmed
   * @throws UnsupportedChangeException when DigitalOcean cannot make the change
   */
  @Transactional
  public Submission update(UUID id, ResourceRequest<DigitalOceanDatabaseCluster> request, String etag, boolean confirmReplacement, String requestedBy) {
    Cluster current = find(id);
    if (!current.etag().equals(etag)) {
      throw new SpecVersionMismatchException(current);
    }
    ValidationOutcome<ClusterSpec> outcome = validOrThrow(request, credentials.holds(id));
    ClusterSpec next = outcome.provisioningSpec().orElseThrow();
    ChangeVerdict verdict = validator.kind().judgeChange(validator.normalise(current.manifest()), next);
    List<Violation> unsupported = new ArrayList<>(StackNames.labelChanges(current.manifest().getMetadata(), request.manifest().getMetadata(), current.stack()));
    unsupported.addAll(verdict.unsupported());
    if (!unsupported.isEmpty()) {
      throw new UnsupportedChangeException(inManifest(request, unsupported));
    }
    List<Violation> replacements = inManifest(request, verdict.replacements());
    if (!replacements.isEmpty() && !confirmReplacement) {
      throw new ReplacementNotConfirmedException(replacements);
    }
    if (!next.clusterName().equals(current.name())) {
      clusters.findByName(next.clusterName()).ifPresent(other -> {
        throw new ClusterAlreadyExistsException(other);
      });
    }
    DigitalOceanDatabaseCluster manifest = request.manifest();
    Cluster updated =
        new Cluster(current.id(), next.clusterName(), manifest.getMetadata().getOrg(), manifest.getMetadata().getEnv(),
            next.engine(), next.region(), current.stack(), current.specVersion() + 1, manifest, current.state(),
            current.createdBy(), current.createdAt(), clock.instant());
    if (!clusters.updateSpec(updated, current.specVersion())) {
      throw new SpecVersionMismatchException(find(id));
    }
    tokenOf(request).ifPresent(token -> credentials.put(id, token, clock.instant()));
    List<Advisory> warnings = new ArrayList<>(outcome.advisories());
    replacements.forEach(r -> warnings.add(new Advisory(r.field(), "dbplane.replacement_confirmed", r.message())));
    if (!StackNames.key(next.stack()).equals(StackNames.key(current.stack()))) {
      warnings.add(new Advisory(request.manifestPath() + "metadata", "dbplane.stack_kept",
          "the cluster stays in its stack " + current.stack() + ", named when it was created; the changed metadata would name "
              + next.stack() + ", which is not used"));
    }
    Job job = jobs.submit(newJob(updated, Operation.UP, next.withStack(current.stack()), requestedBy, warnings));
    return audited(new Submission(updated, job, warnings), confirmReplacement && !replacements.isEmpty() ? "cluster.replace" : "cluster.update");
  }

  /**
   * Queues a preview: of the cluster's current spec, or of a proposed one (which is not stored).
   */
  @Transactional
  public Submission preview(UUID id, @Nullable ResourceRequest<DigitalOceanDatabaseCluster> proposed, String requestedBy) {
    Cluster cluster = find(id);
    if (proposed == null) {
      return readOnlyJob(cluster, Operation.PREVIEW, requestedBy);
    }
    ValidationOutcome<ClusterSpec> outcome = validOrThrow(proposed, credentials.holds(id));
    ClusterSpec spec = outcome.provisioningSpec().orElseThrow().withStack(cluster.stack());
    Job job = jobs.submit(newJob(cluster, Operation.PREVIEW, spec, requestedBy, outcome.advisories()));
    return audited(new Submission(cluster, job, outcome.advisories()), "cluster.preview");
  }

  /** Queues a refresh: compares the stack with DigitalOcean and reports what drifted. */
  @Transactional
  public Submission refresh(UUID id, String requestedBy) {
    return readOnlyJob(find(id), Operation.REFRESH, requestedBy);
  }

  /**
   * Queues the destroy of the cluster; its record goes only once the destroy succeeded.
   *
   * @param confirmation must be the cluster's name
   */
  @Transactional
  public Submission destroy(UUID id, @Nullable String confirmation, String requestedBy) {
    Cluster cluster = find(id);
    if (!cluster.name().equals(confirmation)) {
      throw new DestroyNotConfirmedException(cluster.name());
    }
    Job job = jobs.submit(newJob(cluster, Operation.DESTROY, currentSpec(cluster), requestedBy, List.of()));
    clusters.setState(id, ClusterState.DESTROYING, clock.instant());
    return audited(new Submission(find(id), job, List.of()), "cluster.destroy");
  }

  public ClusterDetails get(UUID id) {
    return details(find(id));
  }

  public Page<ClusterDetails> list(ClusterFilter filter, int page, int size) {
    return clusters.page(filter, page, size).map(this::details);
  }

  private ClusterDetails details(Cluster cluster) {
    return new ClusterDetails(cluster, outputs.get(cluster.id()), jobs.latestFor(cluster.id()), jobs.activeFor(cluster.id()));
  }

  private Submission readOnlyJob(Cluster cluster, Operation operation, String requestedBy) {
    Job job = jobs.submit(newJob(cluster, operation, currentSpec(cluster), requestedBy, List.of()));
    return audited(new Submission(cluster, job, List.of()), "cluster." + operation.name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The cluster's outputs with their secret values, for a caller allowed to see them; each reveal is
   * audited.
   */
  @Transactional
  public ResourceOutputs reveal(UUID id, String revealedBy) {
    Cluster cluster = find(id);
    ResourceOutputs revealed = outputs.get(id).orElseThrow(() -> new NoOutputsException(cluster.name()));
    audit.record(revealedBy, "outputs.reveal", id, "revealed the outputs of " + cluster.name());
    return revealed;
  }

  /** Encrypts every stored token and output again under the keyset's current primary key. */
  @Transactional
  public int reencryptSecrets(String requestedBy) {
    int count = credentials.reencryptAll() + outputs.reencryptAll();
    audit.record(requestedBy, "secrets.reencrypt", null, "re-encrypted " + count + " stored secret record(s) under the primary key");
    return count;
  }

  private void refuseTaken(ResourceRequest<DigitalOceanDatabaseCluster> request, ClusterSpec spec) {
    clusters.findByName(spec.clusterName()).ifPresent(existing -> {
      throw new ClusterAlreadyExistsException(existing);
    });
    clusters.findByStack(spec.stack()).ifPresent(holder -> {
      throw new StackInUseException(request.manifestPath() + StackNames.sourceField(request.manifest().getMetadata()), spec.stack(), holder);
    });
  }

  private Submission audited(Submission submission, String action) {
    audit.record(submission.job().requestedBy(), action, submission.cluster().id(),
        "job " + submission.job().id() + " (" + submission.job().operation() + ") for " + submission.cluster().name());
    return submission;
  }

  private ClusterSpec currentSpec(Cluster cluster) {
    return validator.normalise(cluster.manifest()).withStack(cluster.stack());
  }

  private ValidationOutcome<ClusterSpec> validOrThrow(ResourceRequest<DigitalOceanDatabaseCluster> request, boolean clusterHoldsToken) {
    ValidationOutcome<ClusterSpec> outcome = validator.validateSubmission(request, clusterHoldsToken);
    if (!outcome.valid()) {
      throw new InvalidSpecException(outcome);
    }
    return outcome;
  }

  /** The change rules name fields of the manifest; the caller named them within the request sent. */
  private static List<Violation> inManifest(ResourceRequest<DigitalOceanDatabaseCluster> request, List<Violation> violations) {
    return violations.stream().map(v -> new Violation(request.manifestPath() + v.field(), v.rule(), v.message())).toList();
  }

  private static Optional<Secret> tokenOf(ResourceRequest<DigitalOceanDatabaseCluster> request) {
    return request.providerConfig().map(config -> config.getApiToken()).filter(token -> !token.isBlank()).map(Secret::of);
  }

  private Cluster find(UUID id) {
    return clusters.find(id).orElseThrow(() -> new ClusterNotFoundException(id));
  }

  private static NewJob newJob(Cluster cluster, Operation operation, ClusterSpec spec, String requestedBy, List<Advisory> warnings) {
    return new NewJob(cluster.id(), cluster.name(), operation, requestedBy, cluster.specVersion(), spec,
        warnings.stream().map(w -> w.field() + ": " + w.message()).toList());
  }
}
