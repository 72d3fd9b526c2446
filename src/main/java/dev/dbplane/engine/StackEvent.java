package dev.dbplane.engine;

import org.jspecify.annotations.Nullable;

/**
 * One step of progress reported by the engine while it runs.
 *
 * @param type a short machine name, for example {@code resource-created} or {@code diagnostic}
 * @param message for people; secrets are removed before it is stored
 * @param resource the resource the event is about (a Pulumi URN), when there is one
 */
public record StackEvent(String type, String message, @Nullable String resource) {

  public static StackEvent of(String type, String message) {
    return new StackEvent(type, message, null);
  }
}
