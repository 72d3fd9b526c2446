package dev.dbplane.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Connects to a resource an UP provisioned or changed, with the outputs the engine read, and says
 * whether it answers: a cluster DigitalOcean reports ready may still refuse its clients (trusted
 * sources, a network path). Never fails: a resource that does not answer is a result.
 */
public interface ConnectionCheck {

  /** Empty when the kind has nothing to connect to (a database, a firewall). */
  Optional<Verification> check(ResourceSpec spec, Map<String, String> outputs);
}
