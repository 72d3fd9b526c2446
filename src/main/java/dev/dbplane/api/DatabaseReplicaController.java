package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import dev.dbplane.resource.ResourceServices;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplica;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only replicas of a cluster (DigitalOceanDatabaseReplica). */
@RestController
@RequestMapping("/api/v1/database-replicas")
@Tag(name = "database-replicas")
class DatabaseReplicaController extends AttachedEndpoints<DigitalOceanDatabaseReplica, ReplicaSpec> {

  DatabaseReplicaController(ResourceServices services, ReplicaKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
  }
}
