package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
import dev.dbplane.resource.ResourceServices;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** PgBouncer connection pools of a PostgreSQL cluster (DigitalOceanDatabaseConnectionPool). */
@RestController
@RequestMapping("/api/v1/database-connection-pools")
@Tag(name = "database-connection-pools")
class ConnectionPoolController extends AttachedEndpoints<DigitalOceanDatabaseConnectionPool, PoolSpec> {

  ConnectionPoolController(ResourceServices services, PoolKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
  }
}
