package dev.dbplane.api;

import dev.dbplane.catalog.Catalog;
import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.catalog.EngineOptions;
import dev.dbplane.catalog.EngineVersion;
import dev.dbplane.catalog.NodeLayout;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What DigitalOcean offers its managed databases, as validation judges by it, for a portal's choices. */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "catalog")
class CatalogController {

  /**
   * @param source {@code digitalocean}: DigitalOcean's answer, fetched with the server's token;
   *     {@code snapshot}: the snapshot built into the service (no token, or DigitalOcean not reached)
   * @param fetchedAt when DigitalOcean answered; null for the snapshot
   */
  record CatalogView(
      @Schema(allowableValues = {"digitalocean", "snapshot"}) String source, @Nullable Instant fetchedAt, List<EngineView> engines) {}

  /** @param engine DigitalOcean's slug of the engine: pg, mysql, redis, valkey, mongodb, ... */
  record EngineView(String engine, List<VersionView> versions, List<String> regions, List<LayoutView> layouts) {}

  /**
   * @param endOfLife when DigitalOcean stops supporting the version; null when it has not said
   * @param endOfAvailability when new clusters of it can no longer be made; null when it has not said
   */
  record VersionView(String version, @Nullable Instant endOfLife, @Nullable Instant endOfAvailability) {}

  /** @param sizes the node sizes offered with this many nodes */
  record LayoutView(int numNodes, List<String> sizes) {}

  private final DatabaseCatalog catalog;

  CatalogController(DatabaseCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(
      operationId = "getCatalog",
      summary = "Get what DigitalOcean offers",
      description = "Engines with their versions (and end-of-life dates), regions and node layouts (the sizes offered with each node "
          + "count), as DigitalOcean's GET /v2/databases/options answers with the server's token, refreshed in the background "
          + "(dbplane.catalog.refresh-interval), or the snapshot built into the service when there is no token or DigitalOcean was "
          + "not reached; source says which. Validation judges clusters by it (dbplane.catalog.*).")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  CatalogView get() {
    Catalog current = catalog.current();
    return new CatalogView(current.source().label(), current.fetchedAt(),
        current.options().engines().stream().map(CatalogController::engine).toList());
  }

  private static EngineView engine(EngineOptions engine) {
    return new EngineView(engine.engine(), engine.versions().stream().map(CatalogController::version).toList(), engine.regions(),
        engine.layouts().stream().map(CatalogController::layout).toList());
  }

  private static VersionView version(EngineVersion version) {
    return new VersionView(version.version(), version.endOfLife(), version.endOfAvailability());
  }

  private static LayoutView layout(NodeLayout layout) {
    return new LayoutView(layout.numNodes(), layout.sizes());
  }
}
