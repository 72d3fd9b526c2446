package dev.dbplane.digitalocean;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbplane.engine.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The database endpoints of DigitalOcean's API (or of an API that answers like it). */
public final class DigitalOceanApi {

  /** DigitalOcean's own API. */
  public static final String DEFAULT_ENDPOINT = "https://api.digitalocean.com";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int PAGE_SIZE = 200;
  private static final int NOT_FOUND = 404;
  /** More clusters than one account can hold: a bound on paging, not a limit met in practice. */
  private static final int MAX_PAGES = 50;

  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;

  /** @param endpoint the API's base URL; null for DigitalOcean's own */
  public DigitalOceanApi(@Nullable String endpoint) {
    this(endpoint, TIMEOUT);
  }

  /**
   * @param endpoint the API's base URL; null for DigitalOcean's own
   * @param timeout how long a request may take, connecting included: shorter where a caller waits
   */
  public DigitalOceanApi(@Nullable String endpoint, Duration timeout) {
    String base = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint;
    this.endpoint = URI.create(base.endsWith("/") ? base : base + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * The id of the account's database cluster named {@code name}, if there is one.
   *
   * @throws DigitalOceanApiException when the API refuses or cannot be reached
   */
  public Optional<String> findClusterId(Secret token, String name) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonObject answer = get(token, "v2/databases?per_page=" + PAGE_SIZE + "&page=" + page);
      JsonElement databases = answer.get("databases");
      if (databases == null || !databases.isJsonArray()) {
        return Optional.empty();
      }
      for (JsonElement database : databases.getAsJsonArray()) {
        JsonObject cluster = database.getAsJsonObject();
        if (name.equals(text(cluster, "name"))) {
          return Optional.ofNullable(text(cluster, "id"));
        }
      }
      if (!hasNextPage(answer)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * What DigitalOcean offers its managed databases ({@code GET v2/databases/options}): engines, their
   * versions with end-of-life dates, regions and node layouts.
   *
   * @throws DigitalOceanApiException when the API refuses or cannot be reached
   */
  public JsonObject databaseOptions(Secret token) {
    return get(token, "v2/databases/options");
  }

  /**
   * What DigitalOcean answers at {@code path} (relative, such as {@code v2/databases/<id>/dbs/app}),
   * or empty when it has nothing there (404): how a kind finds a resource inside a cluster.
   *
   * @throws DigitalOceanApiException when the API refuses otherwise or cannot be reached
   */
  public Optional<JsonObject> find(Secret token, String path) {
    try {
      return Optional.of(get(token, path));
    } catch (DigitalOceanApiException e) {
      if (e.status() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Asks DigitalOcean to act at {@code path} (relative) with {@code body}, and returns its answer:
   * how a change outside any Pulumi resource is made (a user's password reset).
   *
   * @throws DigitalOceanApiException when the API refuses or cannot be reached
   */
  public JsonObject post(Secret token, String path, JsonObject body) {
    return send(token, path, request -> request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
  }

  private JsonObject get(Secret token, String path) {
    return send(token, path, HttpRequest.Builder::GET);
  }

  private JsonObject send(Secret token, String path, UnaryOperator<HttpRequest.Builder> method) {
    HttpRequest request =
        method.apply(HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token.reveal())
            .header("Accept", "application/json"))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DigitalOceanApiException("DigitalOcean's API at " + endpoint + " cannot be reached (" + e.getClass().getSimpleName() + ")", 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DigitalOceanApiException("interrupted while asking DigitalOcean's API", 0);
    }
    if (response.statusCode() / 100 != 2) {
      throw new DigitalOceanApiException("DigitalOcean answered " + response.statusCode() + ": " + message(response.body()), response.statusCode());
    }
    return response.body().isBlank() ? new JsonObject() : JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static boolean hasNextPage(JsonObject answer) {
    JsonElement links = answer.get("links");
    if (links == null || !links.isJsonObject()) {
      return false;
    }
    JsonElement pages = links.getAsJsonObject().get("pages");
    return pages != null && pages.isJsonObject() && pages.getAsJsonObject().has("next");
  }

  /** DigitalOcean's own words from an error body ({@code {id, message, request_id}}). */
  private static String message(String body) {
    try {
      String message = text(JsonParser.parseString(body).getAsJsonObject(), "message");
      return message == null ? "(no message)" : message;
    } catch (RuntimeException e) {
      return "(no message)";
    }
  }

  private static @Nullable String text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }
}
