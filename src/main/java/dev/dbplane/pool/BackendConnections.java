package dev.dbplane.pool;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend connections a PostgreSQL cluster's pools share, as DigitalOcean counts them: 25 for
 * each GiB of a node's memory, less 3 kept for maintenance (a 1 GiB node gives its pools 22).
 */
final class BackendConnections {

  static final int PER_GIB = 25;
  static final int RESERVED = 3;

  /** A node's memory in a size slug: db-s-2vcpu-4gb, gd-2vcpu-8gb, so1_5-4vcpu-32gb. */
  private static final Pattern MEMORY = Pattern.compile("-[0-9]+vcpu-([0-9]+)(gb|mb)(-|$)");
  private static final int MIB_PER_GIB = 1024;

  private BackendConnections() {}

  /** The connections a cluster of this node size gives its pools; empty when the slug tells no memory. */
  static OptionalInt of(String sizeSlug) {
    Matcher m = MEMORY.matcher(sizeSlug);
    if (!m.find()) {
      return OptionalInt.empty();
    }
    long memoryMib;
    try {
      memoryMib = Long.parseLong(m.group(1)) * (m.group(2).equals("gb") ? MIB_PER_GIB : 1);
    } catch (NumberFormatException e) {
      return OptionalInt.empty(); // more digits than any memory: not a size DigitalOcean has
    }
    long connections = memoryMib * PER_GIB / MIB_PER_GIB - RESERVED;
    return connections < 1 || connections > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) connections);
  }
}
