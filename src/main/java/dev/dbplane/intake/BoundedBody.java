package dev.dbplane.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body up to a limit, refusing a larger one before it is buffered: by its declared
 * length when it has one, otherwise as soon as the stream passes the limit.
 */
public final class BoundedBody {

  private BoundedBody() {}

  public static byte[] read(HttpServletRequest request, DataSize limit) throws IOException {
    long max = limit.toBytes();
    if (request.getContentLengthLong() > max) {
      throw new RequestBodyTooLargeException(limit);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (body.length > max) {
        throw new RequestBodyTooLargeException(limit);
      }
      return body;
    }
  }
}
