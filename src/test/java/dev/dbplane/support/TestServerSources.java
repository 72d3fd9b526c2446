package dev.dbplane.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Chooses where a server the tests need comes from, by one rule for every kind of server (PostgreSQL now; a
 * store such as an S3-compatible one plugs in by naming its environment variables and its own local ways):
 * {@code <PREFIX>=url|container|local|embedded} forces a source; otherwise the server at {@code <PREFIX>_URL}
 * when set, then a container when a Docker engine is reachable, then the kind's local ways in their order. A
 * source that cannot be had fails with the reason: the tests never skip for want of a server.
 */
final class TestServerSources {

  enum Source {
    URL, CONTAINER, LOCAL, EMBEDDED;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A way to have the server; {@code whyNot} says what it lacks when it cannot run. */
  record Way(Source source, BooleanSupplier canRun, String whyNot) {}

  /** The source chosen and why, for the one line a run prints. */
  record Choice(Source source, String why) {

    String summary() {
      return source.value() + " (" + why + ")";
    }
  }

  private TestServerSources() {}

  /**
   * The source for one kind of server. The probes run lazily, in order, and only as far as needed: a set URL or a
   * forced local way never waits for a Docker probe.
   *
   * @param server what the server is, for messages ("PostgreSQL")
   * @param prefix the kind's environment variables ({@code DBPLANE_TEST_POSTGRES}, {@code _URL})
   */
  static Choice choose(String server, String prefix, Map<String, String> env, BooleanSupplier dockerReachable,
      List<Way> localWays) {
    String urlVariable = prefix + "_URL";
    String url = env.get(urlVariable);
    List<Way> candidates = new ArrayList<>();
    candidates.add(new Way(Source.URL, () -> url != null && !url.isBlank(), urlVariable + " is not set"));
    candidates.add(new Way(Source.CONTAINER, dockerReachable, "no Docker engine is reachable"));
    candidates.addAll(localWays);

    String forced = env.get(prefix);
    if (forced != null && !forced.isBlank()) {
      return forced(server, prefix, forced.strip(), candidates);
    }
    List<String> passedOver = new ArrayList<>();
    for (Way candidate : candidates) {
      if (candidate.canRun().getAsBoolean()) {
        String why = passedOver.isEmpty() ? urlVariable + " is set" : String.join("; ", passedOver);
        return new Choice(candidate.source(), why + "; " + prefix + "=" + values(candidates) + " forces one");
      }
      passedOver.add(candidate.whyNot());
    }
    throw new IllegalStateException("no " + server + " for the tests: " + String.join("; ", passedOver) + ".");
  }

  private static Choice forced(String server, String prefix, String value, List<Way> candidates) {
    Way candidate = candidates.stream()
        .filter(c -> c.source().value().equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            prefix + "=" + value + " is not a source of " + server + " for the tests: one of " + values(candidates)));
    if (!candidate.canRun().getAsBoolean()) {
      throw new IllegalStateException(
          prefix + "=" + value + " asks for this source of " + server + ", but " + candidate.whyNot());
    }
    return new Choice(candidate.source(), "forced by " + prefix + "=" + value);
  }

  private static String values(List<Way> candidates) {
    return candidates.stream().map(c -> c.source().value()).collect(Collectors.joining("|"));
  }
}
