package dev.dbplane.pulumi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandRunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Whether this replica can use the state it shares with the others: it reaches the backend (the CLI
 * lists its stacks) and reads the secrets in it with its own passphrase or key (the CLI decrypts the
 * most recently updated stack that holds resources). Each look runs the CLI, so an answer is kept
 * for a while; health probes come far more often.
 */
final class StateBackendCheck {

  enum Outcome { READY, UNREACHABLE, SECRETS_UNREADABLE }

  /**
   * @param reason what the CLI said, scrubbed of credentials (for callers with a key)
   * @param stack the stack whose secrets were read, or could not be
   */
  record Result(Outcome outcome, String reason, @Nullable String stack, int stacks) {}

  private static final Duration KEPT = Duration.ofSeconds(15);
  /** How the CLI says it cannot decrypt: a wrong passphrase, a key it may not use. */
  private static final Pattern SECRETS_FAILURE = Pattern.compile("passphrase|decrypt|secrets manager|secrets provider", Pattern.CASE_INSENSITIVE);
  private static final int SHORTEST_REDACTED = 6;

  private final CliPulumiCommand cli;
  private final Path directory;
  private final Map<String, String> environment;
  private final List<String> handedOver;
  private final Clock clock;
  private @Nullable Result last;
  private Instant lastAt = Instant.MIN;

  StateBackendCheck(CliPulumiCommand cli, PulumiStackEngine.Settings settings, Clock clock) {
    this.cli = cli;
    // A directory of its own, with no project file: the commands name the stacks in full.
    this.directory = settings.workRoot().resolve(".state-check");
    this.environment = StackWorkspace.backendEnvironment(settings);
    this.handedOver = Stream.concat(settings.environment().values().stream(), Stream.ofNullable(settings.passphrase()))
        .filter(value -> value.length() >= SHORTEST_REDACTED).toList();
    this.clock = clock;
  }

  synchronized Result check() {
    Instant now = clock.instant();
    if (last == null || Duration.between(lastAt, now).compareTo(KEPT) >= 0) {
      last = look();
      lastAt = now;
    }
    return last;
  }

  private Result look() {
    List<JsonObject> stacks;
    try {
      Files.createDirectories(directory);
      JsonElement listed = JsonParser.parseString(run(List.of("stack", "ls", "--all", "--json")));
      stacks = StreamSupport.stream(listed.getAsJsonArray().spliterator(), false).map(JsonElement::getAsJsonObject).toList();
    } catch (AutomationException e) {
      return new Result(Outcome.UNREACHABLE, reason(e), null, 0);
    } catch (IOException | RuntimeException e) {
      return new Result(Outcome.UNREACHABLE, "the stacks could not be listed: " + e.getClass().getSimpleName(), null, 0);
    }
    Optional<String> latest = stacks.stream()
        .filter(stack -> stack.has("resourceCount") && stack.get("resourceCount").getAsInt() > 0 && stack.has("lastUpdate"))
        .max(Comparator.comparing(stack -> stack.get("lastUpdate").getAsString()))
        .map(stack -> stack.get("name").getAsString());
    if (latest.isEmpty()) {
      return new Result(Outcome.READY, "no stack holds resources yet: no secrets to read", null, stacks.size());
    }
    try {
      // The export is read and dropped here: the decrypted values go nowhere.
      run(List.of("stack", "export", "--stack", latest.get(), "--show-secrets"));
      return new Result(Outcome.READY, "the secrets of the stack " + latest.get() + " were read", latest.get(), stacks.size());
    } catch (AutomationException e) {
      String reason = reason(e);
      return new Result(SECRETS_FAILURE.matcher(reason).find() ? Outcome.SECRETS_UNREADABLE : Outcome.UNREACHABLE, reason, latest.get(),
          stacks.size());
    }
  }

  private String run(List<String> args) throws AutomationException {
    return cli.run(args, CommandRunOptions.builder().workingDir(directory).additionalEnv(environment).build()).standardOutput();
  }

  /** The CLI's error lines, without anything this service handed it (credentials of the bucket, the passphrase). */
  private String reason(AutomationException e) {
    String reason = PulumiFailures.errorLines(String.valueOf(e.getMessage()));
    for (String value : handedOver) {
      reason = reason.replace(value, "[secret]");
    }
    return reason.isBlank() ? "the Pulumi CLI failed: " + e.getClass().getSimpleName() : reason;
  }
}
