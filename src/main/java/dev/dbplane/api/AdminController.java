package dev.dbplane.api;

import dev.dbplane.audit.AuditEvent;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.resource.SecretReencryption;
import dev.dbplane.security.ApiKey;
import dev.dbplane.security.ApiKeyService;
import dev.dbplane.security.IssuedApiKey;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administration: API keys, the audit log, re-encryption of stored secrets. Admins only. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "admin")
class AdminController {

  /** What a new key is asked with. */
  record NewApiKey(String name, List<String> roles) {}

  /** A key just created, with its value: shown this once. */
  record CreatedApiKey(String id, String name, List<String> roles, String key) {}

  record ApiKeyView(String id, String name, List<String> roles, String createdBy, boolean configured, boolean active) {
    static ApiKeyView of(ApiKey key) {
      return new ApiKeyView(key.id(), key.name(), key.roles().stream().map(Role::id).sorted().toList(), key.createdBy(),
          key.configured(), key.active());
    }
  }

  private final ApiKeyService keys;
  private final AuditLog audit;
  private final SecretReencryption secrets;

  AdminController(ApiKeyService keys, AuditLog audit, SecretReencryption secrets) {
    this.keys = keys;
    this.audit = audit;
    this.secrets = secrets;
  }

  @Operation(operationId = "createApiKey", summary = "Create an API key", description = "Roles: viewer, operator, secrets-reader, admin. The key is in the answer only.")
  @RequiresRole(Role.ADMIN)
  @PostMapping("/api-keys")
  ResponseEntity<CreatedApiKey> create(@RequestBody NewApiKey request, HttpServletRequest http) {
    if (request.name() == null || request.name().isBlank()) {
      throw new InvalidParameterException("name", "must not be blank");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String id : request.roles() == null ? List.<String>of() : request.roles()) {
      roles.add(Role.of(id).orElseThrow(() -> new InvalidParameterException("roles", "'" + id + "' is not one of viewer, operator, secrets-reader, admin")));
    }
    if (roles.isEmpty()) {
      throw new InvalidParameterException("roles", "name at least one role");
    }
    IssuedApiKey issued = keys.create(request.name().trim(), roles, Requesters.of(http));
    return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.key().id()))
        .body(new CreatedApiKey(issued.key().id(), issued.key().name(), ApiKeyView.of(issued.key()).roles(), issued.value()));
  }

  @Operation(operationId = "listApiKeys", summary = "List API keys", description = "Never their secrets.")
  @RequiresRole(Role.ADMIN)
  @GetMapping("/api-keys")
  List<ApiKeyView> list() {
    return keys.list().stream().map(ApiKeyView::of).toList();
  }

  @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
      description = "204 also when the key was revoked before. Keys given in configuration are removed from configuration instead (409).")
  @RequiresRole(Role.ADMIN)
  @DeleteMapping("/api-keys/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest http) {
    return switch (keys.revoke(id, Requesters.of(http))) {
      case REVOKED, ALREADY_REVOKED -> ResponseEntity.noContent().build();
      case CONFIGURED -> throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
          "the API key " + id + " is given in configuration (dbplane.security.api-keys): remove it there and restart"), null);
      case UNKNOWN -> throw new ErrorResponseException(HttpStatus.NOT_FOUND,
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "there is no API key " + id), null);
    };
  }

  @Operation(operationId = "listAuditEvents", summary = "Read the audit log", description = "Newest first: submissions, cancels, destroys, reveals, key changes.")
  @RequiresRole(Role.ADMIN)
  @GetMapping("/audit-events")
  List<AuditEvent> auditEvents(
      @RequestParam(required = false) @Nullable UUID clusterId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    int checkedSize = Paging.size(size);
    return audit.latest(clusterId, Paging.page(page) * checkedSize, checkedSize);
  }

  @Operation(operationId = "reencryptSecrets", summary = "Re-encrypt stored secrets", description = "After adding a new primary key to the keyset: encrypts every stored token and output under it.")
  @RequiresRole(Role.ADMIN)
  @PostMapping("/secrets:re-encrypt")
  Map<String, Integer> reencrypt(HttpServletRequest http) {
    return Map.of("reencrypted", secrets.reencryptAll(Requesters.of(http)));
  }
}
