package dev.dbplane.webhook;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host of a callback URL, read the way a browser reads it (the WHATWG URL host parser):
 * percent-decoded, mapped to ASCII by IDNA, and taken for an IPv4 address whenever it ends in a
 * number. An address literal keeps its exact bytes: an IPv4-mapped IPv6 literal stays IPv6 here, so
 * that it is judged as what it was written as.
 */
sealed interface CallbackHost {

  /** How the host is handed to the HTTP client (and named in a shown URL, bracketed when IPv6). */
  String text();

  record Name(String ascii) implements CallbackHost {
    @Override
    public String text() {
      return ascii;
    }
  }

  record Literal(InetAddress address) implements CallbackHost {
    @Override
    public String text() {
      return address.getHostAddress();
    }
  }

  /** Forbidden domain code points of the standard, beside C0 controls and DELETE. */
  String FORBIDDEN = " #%/:<>?@[\\]^|";

  /**
   * Reads a URL's host; also the bare IPv6 text that the HTTP client hands back to its resolver.
   *
   * @return empty when a browser would refuse the host
   */
  static Optional<CallbackHost> parse(String input) {
    if (input.startsWith("[")) {
      return input.endsWith("]") ? ipv6(input.substring(1, input.length() - 1)) : Optional.empty();
    }
    if (input.indexOf(':') >= 0) {
      return ipv6(input);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(percentDecoded(input)).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.isEmpty() || ascii.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || FORBIDDEN.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    if (!IpLiterals.endsInANumber(ascii)) {
      return Optional.of(new Name(ascii));
    }
    OptionalLong ipv4 = IpLiterals.ipv4(ascii);
    if (ipv4.isEmpty()) {
      return Optional.empty();
    }
    long bits = ipv4.getAsLong();
    return Optional.of(new Literal(ipv4Address(new byte[] {(byte) (bits >> 24), (byte) (bits >> 16), (byte) (bits >> 8), (byte) bits})));
  }

  private static Optional<CallbackHost> ipv6(String text) {
    return IpLiterals.ipv6(text).map(bytes -> {
      try {
        // Inet6Address.getByAddress keeps an IPv4-mapped address IPv6, unlike InetAddress.getByAddress.
        return new Literal(Inet6Address.getByAddress(null, bytes, -1));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static Inet4Address ipv4Address(byte[] bytes) {
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Percent-decoding of the standard: a {@code %} not followed by two hex digits stays as it is. */
  private static String percentDecoded(String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
        out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
