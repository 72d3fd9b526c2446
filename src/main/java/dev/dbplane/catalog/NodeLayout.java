package dev.dbplane.catalog;

import java.util.List;

/** The node sizes an engine offers with this many nodes. */
public record NodeLayout(int numNodes, List<String> sizes) {

  public NodeLayout {
    sizes = List.copyOf(sizes);
  }
}
