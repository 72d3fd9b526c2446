package dev.dbplane.catalog;

import java.util.List;
import java.util.Optional;

/** What DigitalOcean offers of one engine, named by its API slug ({@code pg}, {@code mysql}, ...). */
public record EngineOptions(String engine, List<EngineVersion> versions, List<String> regions, List<NodeLayout> layouts) {

  public EngineOptions {
    versions = List.copyOf(versions);
    regions = List.copyOf(regions);
    layouts = List.copyOf(layouts);
  }

  public Optional<EngineVersion> version(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  public boolean offersRegion(String region) {
    return regions.contains(region);
  }

  /** The sizes offered with this many nodes; empty when no layout has that many. */
  public List<String> sizesWith(int numNodes) {
    return layouts.stream().filter(l -> l.numNodes() == numNodes).flatMap(l -> l.sizes().stream()).toList();
  }

  /** The node counts a size is offered with, fewest first; empty when the size is not offered. */
  public List<Integer> nodeCountsOf(String size) {
    return layouts.stream().filter(l -> l.sizes().contains(size)).map(NodeLayout::numNodes).distinct().sorted().toList();
  }

  public List<Integer> nodeCounts() {
    return layouts.stream().map(NodeLayout::numNodes).distinct().sorted().toList();
  }
}
