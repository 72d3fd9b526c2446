package dev.dbplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlsTest {

  private final CallbackUrls urls = new CallbackUrls(false);

  @ParameterizedTest
  @CsvSource({
    "http://169.254.169.254/latest/meta-data, link-local",
    "http://[fe80::1]/hook, link-local",
    "http://metadata.google.internal/computeMetadata, metadata",
    "http://127.0.0.1:8080/api/v1/admin/api-keys, own machine",
    "http://localhost/hook, own machine",
    "http://[::1]/hook, own machine",
    "http://0.0.0.0/hook, wildcard",
    "ftp://example.com/hook, http or https",
    "https://user:pass@example.com/hook, without credentials",
    "not a url, not a URL"
  })
  void callbacksThatCouldReachInternalServicesAreRefused(String url, String reason) {
    assertThatThrownBy(() -> urls.check(url)).isInstanceOf(InvalidCallbackUrlException.class).hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://10.20.30.40/hooks/dbplane", "http://192.168.1.20:8080/notify"})
  void privateNetworkCallbacksOfPortalsAreAllowed(String url) {
    assertThat(urls.check(url).getHost()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9999/hook"})
  void loopbackIsAllowedOnlyWhenConfiguredForTests(String url) {
    assertThat(new CallbackUrls(true).check(url).getPort()).isEqualTo(9999);
  }
}
