package dev.dbplane.resource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * DigitalOcean tags for a cluster, made from its metadata. Order is stable: name, org, env, id and
 * kind first, then the labels sorted by key, then the manifest's tags as given; duplicates are
 * dropped. Characters DigitalOcean does not allow in tags become '-', and a tag is cut at 255
 * characters (validation refuses longer ones, but manifests stored before that bound still have to
 * normalise). Planton's stack labels ({@code pulumi.project-planton.org/...}) are not tags.
 */
public final class ResourceTags {

  public static final int MAX_TAG_LENGTH = 255;
  /** Planton's own wiring (which Pulumi stack holds the resource), not a property of the cluster. */
  static final String PLANTON_STACK_LABEL_PREFIX = "pulumi.project-planton.org/";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9:_-]");

  private ResourceTags() {}

  /** The tags, and the originals that had to be changed to fit DigitalOcean's rules. */
  public record Result(List<String> tags, List<String> rewritten) {

    /** Advice, on the metadata, when some of its tags had to be rewritten. */
    public void adviseIfRewritten(Findings findings) {
      if (!rewritten.isEmpty()) {
        findings.advise(
            "metadata",
            "dbplane.tags_rewritten",
            rewritten.size()
                + " tag(s) from metadata did not fit DigitalOcean's tag rules (letters, digits, ':', '-' and '_', at most "
                + MAX_TAG_LENGTH
                + " characters): other characters became '-' and longer tags were cut");
      }
    }
  }

  public static Result of(CloudResourceMetadata metadata, String kind) {
    List<String> wanted = new ArrayList<>();
    addIfPresent(wanted, "name", metadata.getName());
    addIfPresent(wanted, "org", metadata.getOrg());
    addIfPresent(wanted, "env", metadata.getEnv());
    addIfPresent(wanted, "id", metadata.getId());
    addIfPresent(wanted, "kind", kind);
    for (Map.Entry<String, String> label : new TreeMap<>(metadata.getLabelsMap()).entrySet()) {
      if (label.getKey().startsWith(PLANTON_STACK_LABEL_PREFIX)) {
        continue;
      }
      wanted.add(label.getValue().isEmpty() ? label.getKey() : label.getKey() + ":" + label.getValue());
    }
    wanted.addAll(metadata.getTagsList());

    Set<String> tags = new LinkedHashSet<>();
    Set<String> rewritten = new LinkedHashSet<>();
    for (String tag : wanted) {
      if (tag.isBlank()) {
        continue;
      }
      String fitted = fit(tag);
      if (!fitted.equals(tag)) {
        rewritten.add(tag);
      }
      tags.add(fitted);
    }
    return new Result(List.copyOf(tags), List.copyOf(rewritten));
  }

  private static void addIfPresent(List<String> tags, String key, String value) {
    if (!value.isBlank()) {
      tags.add(key + ":" + value);
    }
  }

  private static String fit(String tag) {
    String allowed = NOT_ALLOWED.matcher(tag).replaceAll("-");
    return allowed.length() > MAX_TAG_LENGTH ? allowed.substring(0, MAX_TAG_LENGTH) : allowed;
  }
}
