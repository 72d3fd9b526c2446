package dev.dbplane.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database node's size as its slug tells it, such as {@code db-s-2vcpu-4gb}: its vCPUs and memory.
 *
 * @param vcpus the node's vCPUs
 * @param memoryMib the node's memory in MiB
 */
public record NodeSize(long vcpus, long memoryMib) {

  private static final Pattern SIZE = Pattern.compile("-([0-9]{1,6})vcpu-([0-9]{1,9})(gb|mb)");
  private static final int MIB_PER_GIB = 1024;

  /** The size a slug tells, if it tells one. */
  public static Optional<NodeSize> of(String slug) {
    Matcher m = SIZE.matcher(slug);
    if (!m.find()) {
      return Optional.empty();
    }
    long memory = Long.parseLong(m.group(2)) * (m.group(3).equals("gb") ? MIB_PER_GIB : 1);
    return Optional.of(new NodeSize(Long.parseLong(m.group(1)), memory));
  }

  /** Whether this size has fewer vCPUs or less memory than {@code other}. */
  public boolean smallerThan(NodeSize other) {
    return vcpus < other.vcpus || memoryMib < other.memoryMib;
  }

  /** For people: "2 vCPUs, 4 GiB". */
  public String describe() {
    String memory = memoryMib % MIB_PER_GIB == 0 ? memoryMib / MIB_PER_GIB + " GiB" : memoryMib + " MiB";
    return vcpus + (vcpus == 1 ? " vCPU, " : " vCPUs, ") + memory;
  }
}
