package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.catalog.Catalog;
import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.catalog.EngineOptions;
import dev.dbplane.catalog.EngineVersion;
import dev.dbplane.catalog.NodeLayout;
import dev.dbplane.catalog.TokenRefusedException;
import dev.dbplane.engine.Secret;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What DigitalOcean offers its managed databases, as validation judges by it, for a portal's choices. */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "catalog")
class CatalogController {

  /** The header a caller sends its own DigitalOcean token in, to be answered what DigitalOcean offers its account. */
  static final String TOKEN_HEADER = "X-DigitalOcean-Token";

  /**
   * @param source {@code digitalocean}: DigitalOcean's answer; {@code snapshot}: the snapshot built
   *     into the service (no token, or DigitalOcean not reached)
   * @param token whose token DigitalOcean answered: {@code caller}, the one sent in
   *     X-DigitalOcean-Token, or {@code server}, the server's default; absent for the snapshot
   * @param fetchedAt when DigitalOcean answered; null for the snapshot
   */
  record CatalogView(
      @Schema(allowableValues = {"digitalocean", "snapshot"}) String source,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(allowableValues = {"caller", "server"}) @Nullable String token,
      @Nullable Instant fetchedAt,
      List<EngineView> engines) {}

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
          + "not reached; source says which. With a DigitalOcean token of your own in X-DigitalOcean-Token, what DigitalOcean "
          + "answers that token, kept for dbplane.catalog.caller-kept (a token it refuses is a 400); token says whose token was "
          + "answered. Validation judges clusters by it (dbplane.catalog.*), a stack input by what its own token is offered.")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  CatalogView get(
      @Parameter(description = "a DigitalOcean API token of your own: answered what DigitalOcean offers its account; never stored or shown")
      @RequestHeader(value = TOKEN_HEADER, required = false) @Nullable String token) {
    Catalog served = token == null ? catalog.current() : callers(token);
    Catalog.Token askedWith = served.askedWith();
    return new CatalogView(served.source().label(), askedWith == null ? null : askedWith.label(), served.fetchedAt(),
        served.options().engines().stream().map(CatalogController::engine).toList());
  }

  private Catalog callers(String token) {
    if (token.isBlank()) {
      throw new InvalidParameterException(TOKEN_HEADER, "is blank: send a DigitalOcean API token, or no header for the server's catalog");
    }
    try {
      return catalog.with(Secret.of(token.strip()));
    } catch (TokenRefusedException e) {
      throw new InvalidParameterException(TOKEN_HEADER, "was refused by DigitalOcean (" + e.getMessage() + ")");
    }
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
