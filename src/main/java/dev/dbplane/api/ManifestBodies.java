package dev.dbplane.api;

import dev.dbplane.cluster.ClusterRequest;
import dev.dbplane.config.DbplaneProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Reads a manifest or stack input from a request body, within the configured size limit. */
@Component
class ManifestBodies {

  private final RequestIntake intake;
  private final DbplaneProperties properties;

  ManifestBodies(RequestIntake intake, DbplaneProperties properties) {
    this.intake = intake;
    this.properties = properties;
  }

  ClusterRequest read(HttpServletRequest request) throws IOException {
    byte[] body = BoundedBody.read(request, properties.intake().maxBodySize());
    return intake.read(body, MediaType.parseMediaType(request.getContentType()));
  }

  /** For endpoints whose body is optional: null when the request has none. */
  @Nullable ClusterRequest readIfPresent(HttpServletRequest request) throws IOException {
    if (request.getContentType() == null) {
      return null;
    }
    byte[] body = BoundedBody.read(request, properties.intake().maxBodySize());
    return body.length == 0 ? null : intake.read(body, MediaType.parseMediaType(request.getContentType()));
  }
}
