package dev.dbplane.pulumi;

import com.pulumi.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The inline Pulumi program of one run of one stack. It keeps what it exports for the engine: an
 * update's outputs are known to the program as the engine registers the resource, so reading them
 * costs no CLI run.
 */
public interface StackProgram extends Consumer<Context> {

  /** The stack's outputs as the last run of this program saw them, if it saw them all. */
  Optional<Map<String, String>> outputs();
}
