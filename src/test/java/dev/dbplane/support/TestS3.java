package dev.dbplane.support;

import dev.dbplane.support.TestServerSources.Source;
import dev.dbplane.support.TestServerSources.Way;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * An S3-compatible store for the tests of a shared Pulumi state backend, one per test JVM, with a
 * fresh bucket per caller. Its source follows {@link TestServerSources} with {@code DBPLANE_TEST_S3}:
 * the store at {@code DBPLANE_TEST_S3_URL} (with {@code _ACCESS_KEY}, {@code _SECRET_KEY}, {@code
 * _REGION}: a real bucket service such as Spaces); gofakes3 in a container when a Docker engine is
 * reachable; the sandbox's own {@code s3-server} (built by {@code sandbox/build.sh}), which serves only
 * requests signed with its access key. The tests reach it as Pulumi does: signed (AWS Signature
 * Version 4) requests, path-style.
 */
public final class TestS3 {

  /** The secret key of the local store: a marker searched for everywhere after a run. */
  public static final String LOCAL_SECRET_KEY = "dbplane-test-s3-secret-5ec4e7c0ffee0000000000000000000000000042";
  private static final String LOCAL_ACCESS_KEY = "AKDBPLANETESTSTATE01";
  private static final String CONTAINER_IMAGE = "johannesboyne/gofakes3:latest";
  private static final Duration START_WAIT = Duration.ofSeconds(30);
  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static TestS3 started;

  private final URI endpoint;
  private final String region;
  private final String accessKey;
  private final String secretKey;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestS3(URI endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** The store, started on first use. */
  public static synchronized TestS3 require() {
    if (started == null) {
      started = start();
    }
    return started;
  }

  private static TestS3 start() {
    Map<String, String> env = System.getenv();
    Path binary = Sandbox.root().resolve("bin/s3-server");
    TestServerSources.Choice choice = TestServerSources.choose("an S3-compatible store", "DBPLANE_TEST_S3", env,
        () -> DockerClientFactory.instance().isDockerAvailable(), List.of(
            new Way(Source.LOCAL, () -> Files.isExecutable(binary), "the sandbox's s3-server is not built (run: bash sandbox/build.sh --link "
                + binary.getParent() + ")")));
    System.out.println("S3-compatible store for the tests: " + choice.summary());
    try {
      return switch (choice.source()) {
        case URL -> new TestS3(URI.create(env.get("DBPLANE_TEST_S3_URL")), env.getOrDefault("DBPLANE_TEST_S3_REGION", "us-east-1"),
            env.get("DBPLANE_TEST_S3_ACCESS_KEY"), env.get("DBPLANE_TEST_S3_SECRET_KEY"));
        case CONTAINER -> startContainer();
        case LOCAL -> startLocal(binary);
        case EMBEDDED -> throw new IllegalStateException("an S3-compatible store has no embedded source");
      };
    } catch (IOException e) {
      throw new IllegalStateException("the S3-compatible store did not start: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the S3-compatible store", e);
    }
  }

  // One container for the whole test JVM; Testcontainers' reaper removes it when the JVM ends.
  @SuppressWarnings("resource")
  private static TestS3 startContainer() {
    GenericContainer<?> store = new GenericContainer<>(CONTAINER_IMAGE).withExposedPorts(9000).withCommand("-backend", "memory", "-host", ":9000");
    store.start();
    return new TestS3(URI.create("http://" + store.getHost() + ":" + store.getMappedPort(9000)), "us-east-1", LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY);
  }

  private static TestS3 startLocal(Path binary) throws IOException, InterruptedException {
    Path root = binary.getParent().getParent();
    Path portFile = root.resolve("s3-" + ProcessHandle.current().pid() + ".port");
    Files.deleteIfExists(portFile);
    Process store = new ProcessBuilder(binary.toString(), "--listen", "127.0.0.1:0", "--port-file", portFile.toString(), "--access-key",
        LOCAL_ACCESS_KEY).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("s3-server.log").toFile())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(store::destroy));
    int port = PortFile.await(store, portFile, START_WAIT, root.resolve("s3-server.log"));
    return new TestS3(URI.create("http://127.0.0.1:" + port), "us-east-1", LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY);
  }

  /** A new, empty bucket. */
  public String newBucket() throws IOException, InterruptedException {
    String bucket = "dbplane-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    HttpResponse<String> created = send("PUT", "/" + bucket, Map.of());
    if (created.statusCode() / 100 != 2) {
      throw new IllegalStateException("creating the bucket " + bucket + " answered " + created.statusCode() + ": " + created.body());
    }
    return bucket;
  }

  /** The Pulumi backend URL of a bucket of this store, as the README gives it. */
  public String backendUrl(String bucket) {
    String url = "s3://" + bucket + "?endpoint=" + endpoint.getAuthority() + "&s3ForcePathStyle=true&region=" + region;
    return "http".equals(endpoint.getScheme()) ? url + "&disableSSL=true" : url;
  }

  /** The service's configuration for state in this bucket: the backend and the bucket's credentials for the CLI. */
  public Map<String, String> serviceProperties(String bucket) {
    return Map.of(
        "dbplane.pulumi.backend-url", backendUrl(bucket),
        "dbplane.pulumi.environment.AWS_ACCESS_KEY_ID", accessKey,
        "dbplane.pulumi.environment.AWS_SECRET_ACCESS_KEY", secretKey);
  }

  public String secretKey() {
    return secretKey;
  }

  /** The keys of the bucket's objects under a prefix. */
  public List<String> keys(String bucket, String prefix) throws IOException, InterruptedException {
    HttpResponse<String> listed = send("GET", "/" + bucket, new TreeMap<>(Map.of("list-type", "2", "prefix", prefix)));
    if (listed.statusCode() != 200) {
      throw new IllegalStateException("listing the bucket " + bucket + " answered " + listed.statusCode() + ": " + listed.body());
    }
    List<String> keys = new ArrayList<>();
    Matcher key = KEY.matcher(listed.body());
    while (key.find()) {
      keys.add(key.group(1).replace("&amp;", "&"));
    }
    return keys;
  }

  /** One object's content. */
  public String object(String bucket, String key) throws IOException, InterruptedException {
    HttpResponse<String> read = send("GET", "/" + bucket + "/" + key, Map.of());
    if (read.statusCode() != 200) {
      throw new IllegalStateException("reading " + key + " answered " + read.statusCode() + ": " + read.body());
    }
    return read.body();
  }

  /** A request signed as S3 requires (Signature Version 4, unsigned-payload-free: the body is empty). */
  private HttpResponse<String> send(String method, String path, Map<String, String> query) throws IOException, InterruptedException {
    Instant now = Instant.now();
    String amzDate = AMZ_DATE.format(now);
    String day = amzDate.substring(0, 8);
    String emptyHash = hex(sha256(""));
    String canonicalPath = java.util.Arrays.stream(path.split("/", -1)).map(TestS3::encode).collect(Collectors.joining("/"));
    String canonicalQuery = new TreeMap<>(query).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    String host = endpoint.getAuthority();
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonicalRequest = String.join("\n", method, canonicalPath, canonicalQuery,
        "host:" + host, "x-amz-content-sha256:" + emptyHash, "x-amz-date:" + amzDate, "", signedHeaders, emptyHash);
    String scope = day + "/" + region + "/s3/aws4_request";
    String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
    for (String part : List.of(region, "s3", "aws4_request")) {
      key = hmac(key, part);
    }
    String authorization = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature="
        + hex(hmac(key, stringToSign));
    URI uri = URI.create(endpoint + canonicalPath + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("x-amz-content-sha256", emptyHash).header("x-amz-date", amzDate).header("Authorization", authorization)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
