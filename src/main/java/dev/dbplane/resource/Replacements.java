package dev.dbplane.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes of one update that make DigitalOcean replace the resource, each worded alike: the
 * field, what it was, what it would be, and what the replacement costs. One judgement's; not
 * thread-safe.
 */
public final class Replacements {

  private final String rule;
  private final String consequence;
  private final List<Violation> found = new ArrayList<>();

  /**
   * @param rule the rule of each replacement, such as {@code dbplane.change.replaces_database}
   * @param consequence what DigitalOcean replaces and what that costs, as in "makes DigitalOcean
   *     replace the database, which destroys its data"
   */
  public Replacements(String rule, String consequence) {
    this.rule = rule;
    this.consequence = consequence;
  }

  /** Adds a change of {@code field}, if its value changes. */
  public Replacements ifChanged(String field, @Nullable Object from, @Nullable Object to) {
    return ifChanged(field, field, from, to);
  }

  /**
   * Adds a change of {@code field}, if its value changes, in the words of {@code described}: what
   * the field's value stands for, when the value is not what the caller wrote.
   */
  public Replacements ifChanged(String field, String described, @Nullable Object from, @Nullable Object to) {
    if (!Objects.equals(from, to)) {
      found.add(new Violation(field, rule,
          "changing " + described + " from " + from + " to " + to + " makes DigitalOcean replace " + consequence));
    }
    return this;
  }

  public List<Violation> violations() {
    return List.copyOf(found);
  }

  /** The verdict on an update that DigitalOcean can make, by replacing the resource for these changes. */
  public ChangeVerdict verdict() {
    return new ChangeVerdict(found, List.of());
  }
}
