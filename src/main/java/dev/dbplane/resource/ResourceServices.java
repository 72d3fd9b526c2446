package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.job.JobService;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionOperations;

/** The service of each kind, made the same way for every kind the application knows. */
public final class ResourceServices {

  private final KindRegistry<ResourceKind<?, ?>> kinds;
  private final ResourceRecords records;
  private final JobService jobs;
  private final AuditLog audit;
  private final boolean defaultTokenConfigured;
  private final TransactionOperations transactions;
  private final Map<String, ResourceService<?, ?>> byKind = new ConcurrentHashMap<>();

  ResourceServices(
      KindRegistry<ResourceKind<?, ?>> kinds, ResourceRecords records, JobService jobs, AuditLog audit, boolean defaultTokenConfigured,
      TransactionOperations transactions) {
    this.kinds = kinds;
    this.records = records;
    this.jobs = jobs;
    this.audit = audit;
    this.defaultTokenConfigured = defaultTokenConfigured;
    this.transactions = transactions;
  }

  /** The service of {@code kind}, which must be one of the application's kinds. */
  @SuppressWarnings("unchecked") // each kind's service is made for that kind, with its types
  public <M extends Message, S extends ResourceSpec> ResourceService<M, S> of(ResourceKind<M, S> kind) {
    kinds.of(kind.name());
    return (ResourceService<M, S>) byKind.computeIfAbsent(kind.name(),
        name -> new ResourceService<>(new ResourceValidator<>(kind, defaultTokenConfigured), records, jobs, audit, Clock.systemUTC(),
            transactions));
  }
}
