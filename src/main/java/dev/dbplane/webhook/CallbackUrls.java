package dev.dbplane.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a callback may point: http or https, to a host that resolves, and never to this machine
 * (loopback), to link-local addresses (where cloud metadata services answer) or to a metadata name.
 * Checked when a callback is registered and again before each delivery, since DNS may change.
 */
final class CallbackUrls {

  private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog");

  private final boolean allowLoopback;

  CallbackUrls(boolean allowLoopback) {
    this.allowLoopback = allowLoopback;
  }

  /** @throws InvalidCallbackUrlException with the reason, when the URL may not be called */
  URI check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidCallbackUrlException("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new InvalidCallbackUrlException("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new InvalidCallbackUrlException("must name a host, without credentials");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (METADATA_NAMES.contains(host)) {
      throw new InvalidCallbackUrlException("must not point at a cloud metadata service");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new InvalidCallbackUrlException("its host does not resolve");
    }
    for (InetAddress address : addresses) {
      if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
        throw new InvalidCallbackUrlException("must not point at a link-local, wildcard or multicast address (" + address.getHostAddress() + ")");
      }
      if (address.isLoopbackAddress() && !allowLoopback) {
        throw new InvalidCallbackUrlException("must not point at this service's own machine (" + address.getHostAddress() + ")");
      }
    }
    return uri;
  }
}
