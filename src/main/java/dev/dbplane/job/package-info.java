/**
 * Durable jobs: one operation on one cluster's stack, queued in the database, claimed by exactly one
 * worker among the replicas (db-scheduler), run through the {@link dev.dbplane.engine.StackEngine}
 * port, and resumed or failed with a clear reason when its worker dies. Callers use {@link
 * dev.dbplane.job.JobService}; only this package knows the scheduler and the engine. Inside, a job's
 * life has named steps: {@code JobRunner} claims it, {@code RunWatcher} watches its run (cancel,
 * deadline, shutdown), {@code JobEnding} ends it.
 */
@NullMarked
package dev.dbplane.job;

import org.jspecify.annotations.NullMarked;
