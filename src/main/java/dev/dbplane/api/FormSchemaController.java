package dev.dbplane.api;

import com.google.protobuf.Internal;
import com.google.protobuf.Message;
import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.resource.ResourceKind;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Each kind's manifest and stack input as a JSON Schema, for portals that render their forms from one. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "database-clusters")
class FormSchemaController {

  static final String MEDIA_TYPE = "application/schema+json";

  private final List<ResourceKind<?, ?>> kinds;
  private final DatabaseCatalog catalog;

  FormSchemaController(List<ResourceKind<?, ?>> kinds, DatabaseCatalog catalog) {
    this.kinds = List.copyOf(kinds);
    this.catalog = catalog;
  }

  @Operation(
      operationId = "formSchema",
      summary = "The JSON Schema of a kind's manifest or stack input",
      description = "A JSON Schema (draft 2020-12) of the kind's manifest (body=manifest, the default) or stack input "
          + "(body=stack-input), made from the model's protobuf messages with their bounds (required fields, lengths, patterns, "
          + "constants, ranges, enums) and, for a cluster, the versions, sizes and regions the catalog offers for each engine: what a "
          + "portal renders its form from. It speaks the API's canonical JSON: camelCase names, "
          + "enum names. The service judges more than a schema can say (its own rules, the cluster a resource names): validate "
          + "with :validate before submitting.")
  @RequiresRole(Role.VIEWER)
  @GetMapping(
      path = {"/database-clusters:schema", "/database-dbs:schema", "/database-users:schema", "/database-connection-pools:schema",
          "/database-firewalls:schema", "/database-replicas:schema"},
      produces = MEDIA_TYPE)
  String schema(
      @Parameter(schema = @Schema(allowableValues = {"manifest", "stack-input"})) @RequestParam(defaultValue = "manifest") String body,
      HttpServletRequest request) {
    ResourceKind<?, ?> kind = ResourcePaths.kindOf(request, ":schema", kinds);
    Class<? extends Message> message = switch (body) {
      case "manifest" -> kind.manifestType();
      case "stack-input" -> kind.stackInputType();
      default -> throw new InvalidParameterException("body", "must be manifest or stack-input, not " + body);
    };
    return FormSchemas.of(Internal.getDefaultInstance(message).getDescriptorForType(), request.getRequestURI() + "?body=" + body,
        catalog.current().options());
  }
}
