package dev.dbplane.webhook;

import java.net.Inet6Address;
import org.jspecify.annotations.Nullable;

/**
 * A callback URL taken apart. The query may carry a portal's token, so only {@link #shown()} (no
 * query, no fragment) is ever displayed or audited; the URL as registered is kept sealed for
 * delivery.
 *
 * @param port -1 for the scheme's default
 */
record CallbackUrl(String scheme, CallbackHost host, int port, String rawPath, @Nullable String rawQuery) {

  /** The request target the callback is POSTed to. */
  String target() {
    return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
  }

  /** What viewers and the audit log see: scheme, host, port and path. */
  String shown() {
    String host = host() instanceof CallbackHost.Literal literal && literal.address() instanceof Inet6Address
        ? "[" + host().text() + "]"
        : host().text();
    return scheme + "://" + host + (port == -1 ? "" : ":" + port) + rawPath;
  }
}
