package dev.dbplane.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs to callbacks. Its resolver is the callback check itself: every address a connection may go
 * to is resolved and judged at the moment of connecting, and the connection goes to exactly those
 * addresses (the Host header and the TLS name stay the URL's), so DNS that answers differently after
 * a check cannot swap in an internal address. Redirects are not followed, nothing is retried here,
 * and an attempt ends at a deadline however slowly the callback answers.
 */
final class CallbackClient implements AutoCloseable {

  private static final long DEADLINE_SECONDS = 15;

  private final CloseableHttpClient http;

  CallbackClient(CallbackUrls urls) {
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new JudgingResolver(urls))
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(10)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent("dbplane-webhooks")
        .build();
  }

  /**
   * @return the status of the answer
   * @throws RefusedException when the check refused every address to connect to; no socket was opened
   */
  int post(CallbackUrl url, Map<String, String> headers, String json) throws IOException {
    HttpPost request = new HttpPost(url.target());
    headers.forEach(request::addHeader);
    request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    CompletableFuture<Void> deadline =
        CompletableFuture.runAsync(request::cancel, CompletableFuture.delayedExecutor(DEADLINE_SECONDS, TimeUnit.SECONDS));
    try {
      ClassicHttpResponse response = http.executeOpen(new HttpHost(url.scheme(), url.host().text(), url.port()), request, null);
      // Only the code counts: cancelling drops the connection (and with it the response) instead of
      // reading a body of any length.
      request.cancel();
      return response.getCode();
    } finally {
      deadline.cancel(false);
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }

  /** Judges each host where the client connects, and hands it only the addresses judged. */
  private static final class JudgingResolver implements DnsResolver {

    private final CallbackUrls urls;

    JudgingResolver(CallbackUrls urls) {
      this.urls = urls;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      try {
        return urls.addressesOf(host);
      } catch (InvalidCallbackUrlException e) {
        throw new RefusedException();
      }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }

  /** A connection the callback check refused: no socket was opened. */
  static final class RefusedException extends UnknownHostException {}

}
