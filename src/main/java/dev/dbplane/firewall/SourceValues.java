package dev.dbplane.firewall;

import dev.dbplane.resource.References;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRuleType;

/**
 * What the value of a trusted source must look like for its type, and the form two values naming
 * the same source share.
 */
final class SourceValues {

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile("^" + OCTET + "(\\." + OCTET + "){3}$");
  private static final Pattern PREFIX = Pattern.compile("^(0|[1-9][0-9]{0,2})$");
  private static final Pattern DROPLET_ID = Pattern.compile("^[1-9][0-9]{0,18}$");
  /** DigitalOcean's tag names. */
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9:_-]{1,255}$");
  private static final int IPV4_BITS = 32;

  private SourceValues() {}

  /** An address, with the length of its network prefix: the whole address when none is given. */
  private record Network(InetAddress address, int prefix) {}

  /** Why the value does not fit its type, if it does not. */
  static Optional<String> problem(DigitalOceanDatabaseFirewallRuleType type, String value) {
    boolean fits = switch (type) {
      case ip_addr -> network(value).isPresent();
      case droplet -> DROPLET_ID.matcher(value).matches();
      case k8s, app -> References.isUuid(value);
      case tag -> TAG.matcher(value).matches();
      default -> true; // an unknown type is the model's to report
    };
    return fits ? Optional.empty() : Optional.of(expected(type));
  }

  /** The value as DigitalOcean is sent it: UUIDs in lower case, others as given. */
  static String normalised(DigitalOceanDatabaseFirewallRuleType type, String value) {
    return type == DigitalOceanDatabaseFirewallRuleType.k8s || type == DigitalOceanDatabaseFirewallRuleType.app
        ? value.toLowerCase(Locale.ROOT)
        : value;
  }

  /** The same for two values that name one source ("10.0.0.1" and "10.0.0.1/32"), of a value that fits its type. */
  static String sameSourceKey(DigitalOceanDatabaseFirewallRuleType type, String value) {
    String source = type == DigitalOceanDatabaseFirewallRuleType.ip_addr
        ? network(value).map(n -> n.address().getHostAddress() + "/" + n.prefix()).orElse(value)
        : normalised(type, value);
    return type.name() + ":" + source;
  }

  /** Whether the value admits every address: a network of prefix length 0. */
  static boolean admitsEveryAddress(DigitalOceanDatabaseFirewallRuleType type, String value) {
    return type == DigitalOceanDatabaseFirewallRuleType.ip_addr && network(value).filter(n -> n.prefix() == 0).isPresent();
  }

  private static Optional<Network> network(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    Optional<InetAddress> parsed = address(address);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    if (slash < 0) {
      return Optional.of(new Network(parsed.get(), IPV4_BITS));
    }
    Matcher prefix = PREFIX.matcher(value.substring(slash + 1));
    if (!prefix.matches() || Integer.parseInt(prefix.group(1)) > IPV4_BITS) {
      return Optional.empty();
    }
    return Optional.of(new Network(parsed.get(), Integer.parseInt(prefix.group(1))));
  }

  /** An IPv4 address: DigitalOcean takes no IPv6 trusted sources ("You cannot add IPv6 addresses as trusted sources"). */
  private static Optional<InetAddress> address(String text) {
    if (!IPV4.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // A literal address: parsed, never looked up.
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String expected(DigitalOceanDatabaseFirewallRuleType type) {
    return switch (type) {
      case ip_addr -> "must be an IPv4 address or CIDR, such as 203.0.113.7 or 10.0.0.0/16 (DigitalOcean takes no IPv6 trusted sources)";
      case droplet -> "must be a Droplet's numeric id, such as 123456789";
      case k8s -> "must be the UUID of a DigitalOcean Kubernetes cluster";
      case app -> "must be the UUID of a DigitalOcean App Platform app";
      case tag -> "must be a DigitalOcean tag: 1 to 255 letters, digits, ':', '-' and '_'";
      default -> throw new IllegalArgumentException("no shape for " + type);
    };
  }
}
