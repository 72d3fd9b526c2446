package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.ResourceRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads a manifest or stack input from a request body, within the configured size limit, and keeps
 * with the request how its caller wrote its fields, for the answer that names them.
 */
@Component
class ManifestBodies {

  private static final String FIELDS = CallerFields.class.getName();

  private final RequestIntake intake;
  private final DbplaneProperties properties;

  ManifestBodies(RequestIntake intake, DbplaneProperties properties) {
    this.intake = intake;
    this.properties = properties;
  }

  ResourceRequest<DigitalOceanDatabaseCluster> read(HttpServletRequest request) throws IOException {
    return parse(request, BoundedBody.read(request, properties.intake().maxBodySize()));
  }

  /** How the caller of this request wrote the fields of the body read; proto names when none was. */
  static CallerFields fieldsOf(HttpServletRequest request) {
    return request.getAttribute(FIELDS) instanceof CallerFields fields ? fields : CallerFields.AS_SENT;
  }

  /** For endpoints whose body is optional: null when the request has none. */
  @Nullable ResourceRequest<DigitalOceanDatabaseCluster> readIfPresent(HttpServletRequest request) throws IOException {
    if (request.getContentType() == null) {
      return null;
    }
    byte[] body = BoundedBody.read(request, properties.intake().maxBodySize());
    return body.length == 0 ? null : parse(request, body);
  }

  private ResourceRequest<DigitalOceanDatabaseCluster> parse(HttpServletRequest request, byte[] body) {
    RequestIntake.Parsed parsed = intake.parse(body, MediaType.parseMediaType(request.getContentType()));
    request.setAttribute(FIELDS, parsed.fields());
    return parsed.request();
  }
}
