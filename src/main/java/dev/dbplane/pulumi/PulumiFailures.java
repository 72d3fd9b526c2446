package dev.dbplane.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.StackEngineException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what the Pulumi CLI said into a classified failure with a message for people: the CLI's own
 * error lines, without colour codes, tokens or credentials in URIs.
 */
final class PulumiFailures {

  static final int MAX_MESSAGE = 1000;

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
  private static final Pattern DIGITALOCEAN_TOKEN = Pattern.compile("do[opr]_v1_[0-9a-fA-F]{8,}");
  private static final Pattern URI_CREDENTIALS = Pattern.compile("(://[^:/@\\s]+):[^@\\s]+@");

  private PulumiFailures() {}

  static StackEngineException classify(AutomationException e, boolean stoppedOnRequest) {
    if (stoppedOnRequest) {
      return new StackEngineException(EngineFailure.CANCELLED, "stopped on request");
    }
    if (e instanceof ConcurrentUpdateException) {
      return new StackEngineException(EngineFailure.CONCURRENT_UPDATE,
          "another update holds the stack's lock (another replica, or a lock left by a run that died); "
              + "it was retried and still held",
          e);
    }
    String text = String.valueOf(e.getMessage());
    String lower = text.toLowerCase(Locale.ROOT);
    String errors = errorLines(text);
    if (lower.contains("unable to authenticate you") || lower.contains("401") && lower.contains("digitalocean")) {
      return new StackEngineException(EngineFailure.CREDENTIALS_REJECTED,
          "DigitalOcean refused the API token (401 Unable to authenticate you): send a valid token in provider_config.api_token", e);
    }
    if (lower.contains("no resource plugin") || lower.contains("could not find plugin") || lower.contains("failed to load plugin")
        || lower.contains("could not automatically download and install resource plugin")) {
      return new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE,
          "the DigitalOcean provider plugin v" + DigitalOceanProvider.VERSION + " is not installed: run 'pulumi plugin install resource "
              + "digitalocean v" + DigitalOceanProvider.VERSION + "' with this service's PULUMI_HOME (" + errors + ")", e);
    }
    if (!errors.isEmpty()) {
      return new StackEngineException(EngineFailure.PROVIDER_ERROR, errors, e);
    }
    return new StackEngineException(EngineFailure.INTERNAL, "the Pulumi CLI failed: " + scrub(firstLines(text)), e);
  }

  /** DigitalOcean could not tell whether an interrupted create reached it: nothing is guessed. */
  static StackEngineException lookupFailed(DigitalOceanApiException e) {
    return refused("could not ask DigitalOcean whether the interrupted create reached it", e);
  }

  /** DigitalOcean's API refused what the engine asked of it directly; {@code what} says what that was. */
  static StackEngineException refused(String what, DigitalOceanApiException e) {
    EngineFailure failure = e.status() == 401 ? EngineFailure.CREDENTIALS_REJECTED : EngineFailure.PROVIDER_ERROR;
    return new StackEngineException(failure, what + " (" + scrub(e.getMessage()) + "); the stack is left as it was", e);
  }

  /** The CLI's "error:" lines, de-duplicated, cleaned and cut to a readable length. */
  static String errorLines(String text) {
    Set<String> lines = new LinkedHashSet<>();
    for (String line : ANSI.matcher(text).replaceAll("").split("\\R")) {
      String trimmed = line.trim();
      int at = trimmed.toLowerCase(Locale.ROOT).indexOf("error:");
      if (at >= 0 && trimmed.length() > at + 6) {
        lines.add(trimmed.substring(at + 6).trim());
      }
    }
    return cut(scrub(String.join(" | ", lines)));
  }

  /** Removes what looks like a DigitalOcean token or a password in a URI. */
  static String scrub(String text) {
    String noTokens = DIGITALOCEAN_TOKEN.matcher(text).replaceAll("[secret]");
    return URI_CREDENTIALS.matcher(noTokens).replaceAll("$1:[secret]@");
  }

  private static String firstLines(String text) {
    String[] lines = ANSI.matcher(text).replaceAll("").strip().split("\\R");
    return cut(String.join(" ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 5))));
  }

  private static String cut(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
