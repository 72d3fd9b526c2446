package dev.dbplane.resource;

import java.util.List;

/**
 * What an update of a resource would do beyond changing it in place; field paths are relative to the
 * manifest.
 *
 * @param replacements changes DigitalOcean makes by replacing the resource (its data is lost): they
 *     need the caller's confirmation
 * @param unsupported changes DigitalOcean cannot make at all: the update is refused
 */
public record ChangeVerdict(List<Violation> replacements, List<Violation> unsupported) {

  public ChangeVerdict {
    replacements = List.copyOf(replacements);
    unsupported = List.copyOf(unsupported);
  }
}
