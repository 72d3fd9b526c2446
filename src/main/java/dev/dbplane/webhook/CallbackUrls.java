package dev.dbplane.webhook;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a callback may point: an http or https URL whose host is on the public internet. Refused:
 * this machine (loopback and the addresses of all its interfaces), every range that is not public
 * ({@link NonPublicAddresses}), cloud metadata names, private-use and single-label names (which
 * resolve inside the network), and any name that resolves to such an address. Judged when a
 * callback is registered and again by the resolver of every delivery's connection, so the address
 * connected to is the address judged.
 */
final class CallbackUrls {

  /** Looks a name up in DNS. */
  interface Resolver {
    InetAddress[] lookup(String name) throws UnknownHostException;
  }

  private static final Set<String> METADATA_NAMES =
      Set.of("metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal");
  private static final List<String> PRIVATE_USE_SUFFIXES = List.of(".internal", ".local", ".localdomain", ".home.arpa");

  /**
   * The same for every name that does not resolve to public addresses only, so that a caller learns
   * nothing of the names and addresses inside the network.
   */
  static final String NOT_PUBLIC = "its host must resolve to public internet addresses only";

  private final boolean allowLoopback;
  private final Resolver resolver;
  private final Supplier<Set<InetAddress>> ownAddresses;

  CallbackUrls(boolean allowLoopback) {
    this(allowLoopback, InetAddress::getAllByName, CallbackUrls::interfaceAddresses);
  }

  CallbackUrls(boolean allowLoopback, Resolver resolver, Supplier<Set<InetAddress>> ownAddresses) {
    this.allowLoopback = allowLoopback;
    this.resolver = resolver;
    this.ownAddresses = ownAddresses;
  }

  /**
   * Reads the URL and judges where it points.
   *
   * @throws InvalidCallbackUrlException with the reason, when the URL may not be called
   */
  CallbackUrl check(String url) {
    CallbackUrl callback = parse(url);
    addressesOf(callback.host());
    return callback;
  }

  /**
   * Reads the URL as a browser would, without judging where it points.
   *
   * @throws InvalidCallbackUrlException when it is not an http or https URL with a host
   */
  static CallbackUrl parse(String url) {
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
    String authority = uri.getRawAuthority();
    if (authority == null || authority.contains("@")) {
      throw new InvalidCallbackUrlException("must name a host, without credentials");
    }
    int portAt = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.lastIndexOf(':');
    if (portAt <= 0 || portAt == authority.length()) {
      portAt = authority.length();
    } else if (authority.charAt(portAt) != ':') {
      throw new InvalidCallbackUrlException("has a host a browser would not accept");
    }
    CallbackHost host = CallbackHost.parse(authority.substring(0, portAt))
        .orElseThrow(() -> new InvalidCallbackUrlException("has a host a browser would not accept"));
    int port = port(authority.substring(Math.min(portAt + 1, authority.length())), scheme);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new CallbackUrl(scheme, host, port, path, uri.getRawQuery());
  }

  /** What may be shown of a callback URL: never its query (which may carry a token) or credentials. */
  static String shown(String url) {
    try {
      return parse(url).shown();
    } catch (InvalidCallbackUrlException e) {
      return "(a callback URL no longer accepted)";
    }
  }

  /**
   * The addresses a host may be connected to: all it resolves to, each judged.
   *
   * @throws InvalidCallbackUrlException when any of them may not be called
   */
  InetAddress[] addressesOf(CallbackHost host) {
    if (host instanceof CallbackHost.Literal literal) {
      refusal(literal.address()).ifPresent(reason -> {
        throw new InvalidCallbackUrlException("must not point at " + reason + " (" + literal.address().getHostAddress() + ")");
      });
      return new InetAddress[] {literal.address()};
    }
    String name = host.text().endsWith(".") ? host.text().substring(0, host.text().length() - 1) : host.text();
    boolean localhost = name.equals("localhost") || name.endsWith(".localhost");
    if (localhost && !allowLoopback) {
      throw new InvalidCallbackUrlException("must not point at this service's own machine (" + name + ")");
    }
    if (METADATA_NAMES.contains(name)) {
      throw new InvalidCallbackUrlException("must not point at a cloud metadata service");
    }
    if (PRIVATE_USE_SUFFIXES.stream().anyMatch(name::endsWith)) {
      throw new InvalidCallbackUrlException("must not name a private-use domain (" + String.join(", ", PRIVATE_USE_SUFFIXES) + ")");
    }
    if (!localhost && !name.contains(".")) {
      throw new InvalidCallbackUrlException("must name its host by a fully qualified domain name");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.lookup(name);
    } catch (UnknownHostException e) {
      throw new InvalidCallbackUrlException(NOT_PUBLIC);
    }
    for (InetAddress address : addresses) {
      if (refusal(address).isPresent()) {
        throw new InvalidCallbackUrlException(NOT_PUBLIC);
      }
    }
    return addresses;
  }

  /** The addresses a host named by the HTTP client may be connected to. */
  InetAddress[] addressesOf(String clientHost) {
    return addressesOf(CallbackHost.parse(clientHost).orElseThrow(() -> new InvalidCallbackUrlException("has a host a browser would not accept")));
  }

  private Optional<String> refusal(InetAddress address) {
    if (address.isLoopbackAddress() && allowLoopback) {
      return Optional.empty();
    }
    if (ownAddresses.get().contains(address)) {
      return Optional.of("this service's own machine");
    }
    return NonPublicAddresses.reason(address);
  }

  private static int port(String text, String scheme) {
    if (text.isEmpty()) {
      return -1;
    }
    if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(text) > 65535) {
      throw new InvalidCallbackUrlException("has an invalid port");
    }
    int port = Integer.parseInt(text);
    return port == (scheme.equals("https") ? 443 : 80) ? -1 : port;
  }

  private static Set<InetAddress> interfaceAddresses() {
    try {
      return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).collect(Collectors.toSet());
    } catch (SocketException e) {
      throw new InvalidCallbackUrlException("this machine's own addresses cannot be read to rule them out");
    }
  }
}
