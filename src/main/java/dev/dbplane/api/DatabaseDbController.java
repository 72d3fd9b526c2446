package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.db.DbKind;
import dev.dbplane.db.DbSpec;
import dev.dbplane.resource.ResourceServices;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Databases inside a cluster (DigitalOceanDatabaseDb). */
@RestController
@RequestMapping("/api/v1/database-dbs")
@Tag(name = "database-dbs")
class DatabaseDbController extends AttachedEndpoints<DigitalOceanDatabaseDb, DbSpec> {

  DatabaseDbController(ResourceServices services, DbKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
  }
}
