package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.ResourceServices;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users of a cluster (DigitalOceanDatabaseUser); their passwords are outputs, redacted unless revealed. */
@RestController
@RequestMapping("/api/v1/database-users")
@Tag(name = "database-users")
class DatabaseUserController extends AttachedEndpoints<DigitalOceanDatabaseUser, UserSpec> {

  DatabaseUserController(ResourceServices services, UserKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
  }
}
