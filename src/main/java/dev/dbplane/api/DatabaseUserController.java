package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.ResourceServices;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users of a cluster (DigitalOceanDatabaseUser); their passwords are outputs, redacted unless
 * revealed, and rotated by a job.
 */
@RestController
@RequestMapping("/api/v1/database-users")
@Tag(name = "database-users")
class DatabaseUserController extends AttachedEndpoints<DigitalOceanDatabaseUser, UserSpec> {

  private final ResourceService<DigitalOceanDatabaseUser, UserSpec> users;

  DatabaseUserController(ResourceServices services, UserKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
    this.users = services.of(kind);
  }

  @Operation(
      operationId = "rotateDatabaseUserPassword",
      summary = "Rotate the password",
      description = "Queues a ROTATE_PASSWORD job: DigitalOcean gives the user a new password (its reset_auth) and the old one stops "
          + "working at once; the job reads the new one into the user's outputs, sealed. A pool that connects as the user carries "
          + "the old password in its outputs until it is refreshed.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT)
      })
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:rotate-password")
  ResponseEntity<ResourceSubmissionView> rotatePassword(@PathVariable UUID id, HttpServletRequest request) {
    return accepted(users.rotatePassword(id, Requesters.of(request)));
  }
}
