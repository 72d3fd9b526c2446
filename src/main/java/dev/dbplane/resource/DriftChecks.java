package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.job.ActiveJobExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Drift schedules and their sweep. A resource may carry a schedule; on every sweep (on one replica
 * at a time, on the durable scheduler, so the schedules survive restarts) each schedule that is due
 * queues a drift check of its resource, and its next check comes {@code every} later. A resource of
 * a cluster with an active job is checked at a later sweep: one job per cluster at a time.
 */
public final class DriftChecks implements PeriodicCleanup {

  /** Who the drift checks are queued by, in jobs and the audit log. */
  public static final String REQUESTER = "drift-schedule";

  private static final Logger log = LoggerFactory.getLogger(DriftChecks.class);

  private final DriftScheduleStore schedules;
  private final ResourceStore resources;
  private final KindRegistry<ResourceKind<?, ?>> kinds;
  private final ResourceServices services;
  private final AuditLog audit;
  private final Duration sweep;
  private final Clock clock;
  private final TransactionOperations transactions;

  DriftChecks(
      DriftScheduleStore schedules, ResourceStore resources, KindRegistry<ResourceKind<?, ?>> kinds, ResourceServices services, AuditLog audit,
      Duration sweep, Clock clock, TransactionOperations transactions) {
    this.schedules = schedules;
    this.resources = resources;
    this.kinds = kinds;
    this.services = services;
    this.audit = audit;
    this.sweep = sweep;
    this.clock = clock;
    this.transactions = transactions;
  }

  /**
   * Sets the drift schedule of the resource of this kind; its first check comes {@code every} from now.
   *
   * @throws ResourceNotFoundException when there is no such resource
   */
  public DriftSchedule schedule(ResourceKind<?, ?> kind, UUID id, Duration every, String by) {
    return transactions.execute(status -> {
      ManagedResource resource = find(kind, id);
      Instant now = clock.instant();
      DriftSchedule schedule = new DriftSchedule(id, every, now.plus(every), by, now);
      schedules.put(schedule);
      audit.record(by, kind.noun() + ".drift_schedule", id, "drift checked every " + every + " for " + resource.name());
      return schedule;
    });
  }

  /** @throws ResourceNotFoundException when there is no such resource, or it has no schedule */
  public DriftSchedule scheduleOf(ResourceKind<?, ?> kind, UUID id) {
    find(kind, id);
    return schedules.find(id).orElseThrow(() -> noSchedule(kind, id));
  }

  /** @throws ResourceNotFoundException when there is no such resource, or it has no schedule */
  public void unschedule(ResourceKind<?, ?> kind, UUID id, String by) {
    transactions.executeWithoutResult(status -> {
      ManagedResource resource = find(kind, id);
      if (!schedules.remove(id)) {
        throw noSchedule(kind, id);
      }
      audit.record(by, kind.noun() + ".drift_schedule", id, "no more drift checks for " + resource.name());
    });
  }

  private static ResourceNotFoundException noSchedule(ResourceKind<?, ?> kind, UUID id) {
    return new ResourceNotFoundException("drift schedule of the " + kind.noun(), id);
  }

  @Override
  public String name() {
    return "drift-checks";
  }

  @Override
  public Duration every() {
    return sweep;
  }

  /** Queues the drift check of every schedule that is due, each in a transaction of its own. */
  @Override
  public void run() {
    Instant now = clock.instant();
    for (DriftSchedule due : schedules.due(now)) {
      try {
        transactions.executeWithoutResult(status -> {
          resources.find(due.resourceId()).ifPresent(resource -> services.of(kinds.of(resource.kind())).driftCheck(resource.id(), REQUESTER));
          schedules.nextCheckAt(due.resourceId(), now.plus(due.every()));
        });
      } catch (ActiveJobExistsException e) {
        log.debug("the drift check of {} waits: its cluster has an active job", due.resourceId());
      }
    }
  }

  private ManagedResource find(ResourceKind<?, ?> kind, UUID id) {
    return resources.find(kind.name(), id).orElseThrow(() -> new ResourceNotFoundException(kind.noun(), id));
  }
}
