package dev.dbplane.api;

import dev.dbplane.resource.Submission;
import java.net.URI;
import org.springframework.http.ResponseEntity;

/** How every accepted change is answered: 202, the job to follow in Location, the resource's ETag. */
final class ResourceAnswers {

  private ResourceAnswers() {}

  static <T> ResponseEntity<T> accepted(Submission submission, T body) {
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/jobs/" + submission.job().id()))
        .eTag(submission.resource().etag())
        .body(body);
  }

  /**
   * The entity tag an If-Match names. A bare value is the opaque tag without its quotes, as shell
   * scripts that cut the ETag out of a header often send it: it names the same tag. A weak tag stays
   * weak, and so never matches (If-Match compares strongly).
   *
   * @throws PreconditionRequiredException when there is none
   */
  static String entityTag(@org.jspecify.annotations.Nullable String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new PreconditionRequiredException();
    }
    String tag = ifMatch.trim();
    return tag.startsWith("\"") || tag.startsWith("W/") ? tag : "\"" + tag + "\"";
  }
}
