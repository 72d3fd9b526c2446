package dev.dbplane.idempotency;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.intake.BoundedBody;
import dev.dbplane.intake.RequestBodyTooLargeException;
import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemViolation;
import dev.dbplane.problem.ProblemWriter;
import dev.dbplane.security.Requesters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST: the first request with a key is answered and its answer kept;
 * a retry with the same key and the same request gets that answer again (with {@code
 * Idempotent-Replayed: true}); the same key with another request is refused, as is a retry while the
 * first is still being answered. Keys are per caller. A 5xx answer is not kept. A key that is
 * empty, blank, longer than {@value #MAX_KEY_LENGTH} characters or holds anything but visible ASCII
 * is refused: taking it as no key would silently drop the protection the caller asked for.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyStore store;
  private final DbplaneProperties properties;
  private final ProblemWriter problems;

  IdempotencyFilter(IdempotencyStore store, DbplaneProperties properties, ProblemWriter problems) {
    this.store = store;
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER).trim();
    Optional<String> wrong = whatIsWrongWith(key);
    if (wrong.isPresent()) {
      ProblemDetail problem = ProblemType.INVALID_IDEMPOTENCY_KEY.problem(HEADER + " " + wrong.get());
      problem.setProperty("violations", List.of(ProblemViolation.of(HEADER, wrong.get())));
      problems.write(request, response, problem);
      return;
    }
    byte[] body;
    try {
      body = BoundedBody.read(request, properties.intake().maxBodySize());
    } catch (RequestBodyTooLargeException e) {
      problems.write(request, response, ProblemType.BODY_TOO_LARGE.problem(e.getMessage()));
      return;
    }
    String principal = Requesters.of(request);
    String hash = hash(request, body);
    Optional<IdempotencyStore.Entry> earlier = store.claim(principal, key, hash);
    if (earlier.isPresent()) {
      replay(request, response, earlier.get(), hash);
      return;
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    boolean kept = false;
    try {
      chain.doFilter(new CachedBodyRequest(request, body), answer);
      if (answer.getStatus() < 500) {
        store.complete(principal, key, answer.getStatus(), answer.getHeader("Location"), answer.getContentType(), answer.getContentAsByteArray());
        kept = true;
      }
    } finally {
      if (!kept) {
        store.release(principal, key);
      }
      answer.copyBodyToResponse();
    }
  }

  private void replay(HttpServletRequest request, HttpServletResponse response, IdempotencyStore.Entry earlier, String hash)
      throws IOException {
    if (!earlier.requestHash().equals(hash)) {
      problems.write(request, response,
          ProblemType.IDEMPOTENCY_KEY_REUSED.problem("this key was used for another request; use a new key for a new request"));
    } else if (earlier.status() == null) {
      problems.write(request, response,
          ProblemType.IDEMPOTENCY_REQUEST_IN_PROGRESS.problem("retry once the first request with this key has been answered"));
    } else {
      response.setStatus(earlier.status());
      if (earlier.location() != null) {
        response.setHeader("Location", earlier.location());
      }
      if (earlier.contentType() != null) {
        response.setContentType(earlier.contentType());
      }
      response.setHeader(REPLAYED, "true");
      if (earlier.body() != null) {
        response.getOutputStream().write(earlier.body());
      }
    }
  }

  private static Optional<String> whatIsWrongWith(String key) {
    if (key.isEmpty()) {
      return Optional.of("must not be empty or blank; send a new unique key (a UUID, say) with each new request, or no header");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return Optional.of("must be at most " + MAX_KEY_LENGTH + " characters; it has " + key.length());
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.of("must be visible ASCII characters, without spaces or control characters");
    }
    return Optional.empty();
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
          + request.getContentType() + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with its body already read, so that the controller can read it again. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
