package dev.dbplane.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges that are not the public internet (IANA's special-purpose registries), each
 * with the reason a callback there is refused. IPv6 forms that carry an IPv4 address are judged by
 * it where they route to it (NAT64's well-known prefix, 6to4) and refused outright where a public
 * callback never needs them (IPv4-mapped, -compatible, -translated; local-use NAT64, whose embedding
 * is a matter of local configuration).
 */
final class NonPublicAddresses {

  /** @param carriesIpv4 whether the last 32 bits are an IPv4 address, named in the reason */
  private record Range(byte[] prefix, int bits, String reason, boolean carriesIpv4) {

    static Range of(String cidr, String reason) {
      String[] parts = cidr.split("/");
      CallbackHost.Literal literal = (CallbackHost.Literal) CallbackHost.parse(parts[0]).orElseThrow();
      return new Range(literal.address().getAddress(), Integer.parseInt(parts[1]), reason, reason.startsWith("an IPv4-"));
    }

    String reasonFor(byte[] address) {
      return carriesIpv4 ? reason + " of " + embeddedIpv4(address, 12).getHostAddress() : reason;
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final String PRIVATE = "a private network address";
  private static final String DOCUMENTATION = "a documentation address";

  /** In order: the first range that holds an address names the reason. */
  private static final List<Range> RANGES = List.of(
      Range.of("0.0.0.0/8", "the unspecified address or this network"),
      Range.of("10.0.0.0/8", PRIVATE),
      Range.of("100.64.0.0/10", "a carrier-grade NAT address"),
      Range.of("127.0.0.0/8", "a loopback address of this machine"),
      Range.of("169.254.0.0/16", "a link-local address, where cloud metadata services answer"),
      Range.of("172.16.0.0/12", PRIVATE),
      Range.of("192.0.0.0/24", "an IETF protocol assignment"),
      Range.of("192.0.2.0/24", DOCUMENTATION),
      Range.of("192.88.99.0/24", "a 6to4 relay address"),
      Range.of("192.168.0.0/16", PRIVATE),
      Range.of("198.18.0.0/15", "a benchmarking address"),
      Range.of("198.51.100.0/24", DOCUMENTATION),
      Range.of("203.0.113.0/24", DOCUMENTATION),
      Range.of("224.0.0.0/4", "a multicast address"),
      Range.of("255.255.255.255/32", "the broadcast address"),
      Range.of("240.0.0.0/4", "a reserved address"),
      Range.of("::/128", "the unspecified address"),
      Range.of("::1/128", "a loopback address of this machine"),
      Range.of("::ffff:0:0/96", "an IPv4-mapped address"),
      Range.of("::ffff:0:0:0/96", "an IPv4-translated address"),
      Range.of("::/96", "an IPv4-compatible address"),
      Range.of("64:ff9b:1::/48", "a local-use NAT64 address"),
      Range.of("100::/64", "a discard address"),
      Range.of("2001::/23", "an IETF protocol assignment (Teredo, benchmarking, ORCHID)"),
      Range.of("2001:db8::/32", DOCUMENTATION),
      Range.of("3fff::/20", DOCUMENTATION),
      Range.of("fc00::/7", "a unique-local address"),
      Range.of("fe80::/10", "a link-local address, where cloud metadata services answer"),
      Range.of("ff00::/8", "a multicast address"));

  private static final Range GLOBAL_UNICAST = Range.of("2000::/3", "");
  private static final Range NAT64 = Range.of("64:ff9b::/96", "");
  private static final Range SIX_TO_FOUR = Range.of("2002::/16", "");

  private NonPublicAddresses() {}

  /** Why the address is not on the public internet, or empty when it is. */
  static Optional<String> reason(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range range : RANGES) {
      if (range.contains(bytes)) {
        return Optional.of(range.reasonFor(bytes));
      }
    }
    if (bytes.length == 4) {
      return Optional.empty();
    }
    if (NAT64.contains(bytes)) {
      return embedded(bytes, 12, "a NAT64 address");
    }
    if (SIX_TO_FOUR.contains(bytes)) {
      return embedded(bytes, 2, "a 6to4 address");
    }
    return GLOBAL_UNICAST.contains(bytes) ? Optional.empty() : Optional.of("not a global unicast address");
  }

  private static Optional<String> embedded(byte[] bytes, int from, String form) {
    Inet4Address ipv4 = embeddedIpv4(bytes, from);
    return reason(ipv4).map(reason -> form + " of " + ipv4.getHostAddress() + ", " + reason);
  }

  private static Inet4Address embeddedIpv4(byte[] bytes, int from) {
    return CallbackHost.ipv4Address(Arrays.copyOfRange(bytes, from, from + 4));
  }
}
