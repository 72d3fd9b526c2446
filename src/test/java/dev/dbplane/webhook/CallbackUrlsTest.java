package dev.dbplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackUrlsTest {

  /** Stands for a public address of this machine, so that the rule for its own addresses shows. */
  private static final String OWN_PUBLIC_ADDRESS = "93.184.215.14";

  private static final Map<String, List<String>> DNS = Map.of(
      "portal.example.com", List.of("93.184.215.15", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
      "internal.example.com", List.of("10.0.0.5"),
      "half-internal.example.com", List.of("93.184.215.15", "127.0.0.1"),
      "metadata-alias.example.com", List.of("fd00:ec2::254"),
      "localhost", List.of("127.0.0.1", "::1"));

  private final CallbackUrls urls = callbackUrls(false);

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(delimiter = '|', textBlock = """
    http://10.0.0.1/hook                          | a private network address (10.0.0.1)
    http://192.168.1.1/hook                       | a private network address (192.168.1.1)
    http://172.16.0.1/hook                        | a private network address (172.16.0.1)
    http://100.64.0.1/hook                        | a carrier-grade NAT address (100.64.0.1)
    http://100.100.100.200/latest/meta-data       | a carrier-grade NAT address
    http://169.254.169.254/latest/meta-data       | a link-local address, where cloud metadata services answer
    http://[fe80::1]/hook                         | a link-local address
    http://[fc00::1]/hook                         | a unique-local address
    http://[fd00:ec2::254]/latest/meta-data       | a unique-local address
    http://255.255.255.255/hook                   | the broadcast address
    http://0.0.0.0/hook                           | the unspecified address or this network
    http://[::]/hook                              | the unspecified address
    http://224.0.0.1/hook                         | a multicast address
    http://[ff02::1]/hook                         | a multicast address
    http://240.0.0.1/hook                         | a reserved address
    http://192.0.2.1/hook                         | a documentation address
    http://198.51.100.1/hook                      | a documentation address
    http://203.0.113.1/hook                       | a documentation address
    http://[2001:db8::1]/hook                     | a documentation address
    http://[3fff::1]/hook                         | a documentation address
    http://198.18.0.1/hook                        | a benchmarking address
    http://192.0.0.8/hook                         | an IETF protocol assignment
    http://[2001::1]/hook                         | an IETF protocol assignment (Teredo
    http://[100::1]/hook                          | a discard address
    http://[fec0::1]/hook                         | not a global unicast address
    http://127.0.0.1:8080/api/v1/admin/api-keys   | a loopback address of this machine (127.0.0.1)
    http://127.0.0.2/hook                         | a loopback address of this machine (127.0.0.2)
    http://[::1]/hook                             | a loopback address of this machine
    http://0177.0.0.1/hook                        | a loopback address of this machine (127.0.0.1)
    http://0x7f.1/hook                            | a loopback address of this machine (127.0.0.1)
    http://0x7F000001/hook                        | a loopback address of this machine (127.0.0.1)
    http://2130706433/hook                        | a loopback address of this machine (127.0.0.1)
    http://127.1/hook                             | a loopback address of this machine (127.0.0.1)
    http://127.0.0.1./hook                        | a loopback address of this machine (127.0.0.1)
    http://%31%32%37.0.0.1/hook                   | a loopback address of this machine (127.0.0.1)
    http://１２７.０.０.１/hook                    | a loopback address of this machine (127.0.0.1)
    http://017700000001/hook                      | a loopback address of this machine (127.0.0.1)
    http://[::127.0.0.1]/hook                     | an IPv4-compatible address of 127.0.0.1
    http://[::ffff:127.0.0.1]/hook                | an IPv4-mapped address of 127.0.0.1
    http://[::ffff:7f00:1]/hook                   | an IPv4-mapped address of 127.0.0.1
    http://[::ffff:0:127.0.0.1]/hook              | an IPv4-translated address of 127.0.0.1
    http://[64:ff9b::7f00:1]/hook                 | a NAT64 address of 127.0.0.1, a loopback address of this machine
    http://[64:ff9b::10.0.0.1]/hook               | a NAT64 address of 10.0.0.1, a private network address
    http://[64:ff9b::a9fe:a9fe]/hook              | a NAT64 address of 169.254.169.254, a link-local address
    http://[64:ff9b:1::808:808]/hook              | a local-use NAT64 address
    http://[2002:7f00:1::1]/hook                  | a 6to4 address of 127.0.0.1
    http://[2002:c0a8:101::1]/hook                | a 6to4 address of 192.168.1.1, a private network address
    http://93.184.215.14/hook                     | this service's own machine (93.184.215.14)
    http://localhost/hook                         | this service's own machine (localhost)
    http://LocalHost./hook                        | this service's own machine (localhost)
    http://api.localhost/hook                     | this service's own machine (api.localhost)
    http://metadata.google.internal/computeMetadata | a cloud metadata service
    http://metadata.google.internal./computeMetadata | a cloud metadata service
    http://METADATA/computeMetadata               | a cloud metadata service
    http://metadata.goog/computeMetadata          | a cloud metadata service
    http://instance-data/latest/meta-data         | a cloud metadata service
    http://instance-data.ec2.internal/latest      | a cloud metadata service
    http://db.corp.internal/hook                  | a private-use domain
    http://printer.local/hook                     | a private-use domain
    http://router.home.arpa/hook                  | a private-use domain
    http://intranet/hook                          | a fully qualified domain name
    http://internal.example.com/hook              | its host must resolve to public internet addresses only
    http://half-internal.example.com/hook         | its host must resolve to public internet addresses only
    http://metadata-alias.example.com/hook        | its host must resolve to public internet addresses only
    http://nowhere.example.com/hook               | its host must resolve to public internet addresses only
    http://0x100.0.0.1/hook                       | a host a browser would not accept
    http://1.2.3.4.5/hook                         | a host a browser would not accept
    http://4294967296/hook                        | a host a browser would not accept
    http://[::1/hook                              | not a URL
    http://[1::2::3]/hook                         | not a URL
    http://exa%20mple.com/hook                    | a host a browser would not accept
    http://example.com:99999/hook                 | an invalid port
    http://example.com:8o/hook                    | an invalid port
    ftp://example.com/hook                        | must be an http or https URL
    https://user:pass@example.com/hook            | without credentials
    https://token@example.com/hook                | without credentials
    not a url                                     | not a URL
    """)
  void callbacksThatCouldReachInternalServicesAreRefused(String url, String reason) {
    assertThatThrownBy(() -> urls.check(url)).isInstanceOf(InvalidCallbackUrlException.class).hasMessageContaining(reason);
  }

  @Test
  void aRefusalForANameDoesNotTellWhatItResolvesTo() {
    assertThatThrownBy(() -> urls.check("http://internal.example.com/hook")).hasMessage(CallbackUrls.NOT_PUBLIC);
    assertThatThrownBy(() -> urls.check("http://nowhere.example.com/hook")).hasMessage(CallbackUrls.NOT_PUBLIC);
  }

  @ParameterizedTest(name = "{0} is called at {1}")
  @CsvSource(delimiter = '|', textBlock = """
    https://portal.example.com/hooks/dbplane      | portal.example.com
    https://PORTAL.example.com./hooks             | portal.example.com.
    https://93.184.215.15/hooks                   | 93.184.215.15
    https://0x5d.0xb8.0xd7.0x0f/hooks             | 93.184.215.15
    https://[2606:4700:4700::1111]/hooks          | 2606:4700:4700:0:0:0:0:1111
    https://[64:ff9b::93.184.215.15]/hooks        | 64:ff9b:0:0:0:0:5db8:d70f
    https://[2002:5db8:d70f::1]/hooks             | 2002:5db8:d70f:0:0:0:0:1
    """)
  void publicCallbacksAreAllowed(String url, String host) {
    assertThat(urls.check(url).host().text()).isEqualTo(host);
  }

  @Test
  void theMachinesOwnAddressesAreRefused() throws Exception {
    CallbackUrls onThisMachine = new CallbackUrls(false);
    List<InetAddress> own = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
    assertThat(own).as("this machine has a non-loopback address to try").isNotEmpty();
    for (InetAddress address : own) {
      String host = address.getAddress().length == 16 ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]" : address.getHostAddress();
      assertThatThrownBy(() -> onThisMachine.check("http://" + host + "/hook")).hasMessageContaining("this service's own machine");
    }
  }

  @ParameterizedTest
  @CsvSource({"http://127.0.0.1:9999/hook", "http://[::1]:9999/hook", "http://localhost:9999/hook", "http://0177.0.0.1:9999/hook"})
  void loopbackIsAllowedOnlyWhenConfigured(String url) {
    assertThat(callbackUrls(true).check(url).port()).isEqualTo(9999);
  }

  @ParameterizedTest
  @CsvSource({"http://10.0.0.1/hook", "http://169.254.169.254/latest", "http://93.184.215.14/hook", "http://[::ffff:127.0.0.1]/hook",
      "http://metadata/computeMetadata"})
  void allowingLoopbackAllowsNothingElse(String url) {
    assertThatThrownBy(() -> callbackUrls(true).check(url)).isInstanceOf(InvalidCallbackUrlException.class);
  }

  @ParameterizedTest(name = "{0} is shown as {1}")
  @CsvSource(delimiter = '|', textBlock = """
    https://portal.example.com/hooks/dbplane?token=s3cret#part | https://portal.example.com/hooks/dbplane
    HTTPS://Portal.Example.com:443/hooks?token=s3cret         | https://portal.example.com/hooks
    http://portal.example.com:8080?token=s3cret               | http://portal.example.com:8080/
    http://[2606:4700:4700::1111]:8080/a?b                    | http://[2606:4700:4700:0:0:0:0:1111]:8080/a
    https://user:s3cret@portal.example.com/hooks              | (a callback URL no longer accepted)
    """)
  void aCallbackIsShownWithoutItsQueryOrCredentials(String url, String shown) {
    assertThat(CallbackUrls.shown(url)).isEqualTo(shown);
  }

  private static CallbackUrls callbackUrls(boolean allowLoopback) {
    return new CallbackUrls(allowLoopback, CallbackUrlsTest::lookup, () -> Set.of(address(OWN_PUBLIC_ADDRESS)));
  }

  private static InetAddress[] lookup(String name) throws UnknownHostException {
    List<String> answers = DNS.get(name);
    if (answers == null) {
      throw new UnknownHostException(name);
    }
    return answers.stream().map(CallbackUrlsTest::address).toArray(InetAddress[]::new);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
