package dev.dbplane.job;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackResult;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What jobs need from the owner of resources: the kinds whose jobs it owns and their specs, the token
 * to act with, and what to record when a job ends. The end hooks run in the transaction that ends the
 * job, so a job's status and the resource's record never disagree.
 */
public interface JobSubjects {

  /** The kinds whose jobs these are, each with its spec. */
  List<SpecType<?>> specTypes();

  /** The DigitalOcean token for the resource's jobs; empty when there is none any more. */
  Optional<Secret> tokenFor(UUID resourceId);

  /** The DigitalOcean id of the resource its stack held after its last successful run. */
  Optional<String> heldResourceId(UUID resourceId);

  /**
   * What the job destroys before its own run, in that order: what lives in a cluster whose destroy
   * was asked to take it along (a cluster's destroy is refused while anything lives in it, unless
   * asked). Empty for every other job. Asked anew when a job is resumed: what went already is not
   * listed.
   */
  List<Dependent> destroyedFirst(Job job);

  /** One of the job's {@link #destroyedFirst} resources was destroyed: its record goes. */
  void destroyedBefore(Job job, Dependent dependent);

  void succeeded(Job job, StackResult result);

  /** The job failed or was cancelled; {@code job} holds its final status and error. */
  void didNotSucceed(Job job);
}
