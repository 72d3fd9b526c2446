package dev.dbplane.security;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: {@code dbp_<id>_<secret>}. Only the SHA-256 of the secret is kept (the secret has 256
 * bits of randomness, so a fast hash is safe); a key is shown once, when it is created. Checking a
 * key takes the same steps whether or not its id exists, and compares hashes in constant time.
 */
public class ApiKeyService {

  static final String PREFIX = "dbp_";
  private static final byte[] NO_SUCH_KEY = new byte[32];

  private final JdbcClient jdbc;
  private final Map<String, ApiKey> configured;
  private final Map<String, byte[]> configuredHashes;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();

  ApiKeyService(JdbcClient jdbc, List<DbplaneProperties.ConfiguredApiKey> configuredKeys, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.configured = configuredKeys.stream().collect(Collectors.toMap(DbplaneProperties.ConfiguredApiKey::id,
        k -> new ApiKey(k.id(), k.name(), roles(k.roles()), "configuration", null, null, true)));
    this.configuredHashes = configuredKeys.stream().collect(Collectors.toMap(DbplaneProperties.ConfiguredApiKey::id,
        k -> HexFormat.of().parseHex(k.sha256()), (a, b) -> a));
  }

  /** Creates a key; the returned value is the only copy of its secret. */
  @Transactional
  public IssuedApiKey create(String name, Set<Role> roles, String createdBy) {
    String id = HexFormat.of().formatHex(bytes(6));
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    jdbc.sql("insert into api_keys (id, name, roles, secret_hash, created_by, created_at) values (?, ?, ?, ?, ?, ?)")
        .params(id, name, ids(roles), HexFormat.of().formatHex(sha256(secret)), createdBy, now())
        .update();
    audit.record(createdBy, "apikey.create", null, "created API key " + id + " (" + name + ") with roles " + ids(roles));
    return new IssuedApiKey(find(id).orElseThrow(), PREFIX + id + "_" + secret);
  }

  /** @return false when there is no such key, or it comes from configuration */
  @Transactional
  /** What a revocation found: a key it revoked, one revoked before, one of configuration, none. */
  public enum Revocation { REVOKED, ALREADY_REVOKED, CONFIGURED, UNKNOWN }

  public Revocation revoke(String id, String revokedBy) {
    if (configured.containsKey(id)) {
      return Revocation.CONFIGURED;
    }
    boolean revoked =
        jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null").params(now(), id).update() == 1;
    if (revoked) {
      audit.record(revokedBy, "apikey.revoke", null, "revoked API key " + id);
      return Revocation.REVOKED;
    }
    return find(id).isPresent() ? Revocation.ALREADY_REVOKED : Revocation.UNKNOWN;
  }

  public List<ApiKey> list() {
    List<ApiKey> keys = new ArrayList<>(configured.values());
    keys.addAll(jdbc.sql("select * from api_keys order by created_at").query(ApiKeyService::map).list());
    return keys;
  }

  public boolean anyExists() {
    return !configured.isEmpty() || jdbc.sql("select count(*) from api_keys").query(Long.class).single() > 0;
  }

  /** The active key a caller presented, if it is one. */
  Optional<ApiKey> authenticate(String presented) {
    String id = "";
    String secret = presented;
    if (presented.startsWith(PREFIX)) {
      int separator = presented.indexOf('_', PREFIX.length());
      if (separator > 0) {
        id = presented.substring(PREFIX.length(), separator);
        secret = presented.substring(separator + 1);
      }
    }
    String keyId = id;
    Optional<StoredKey> key =
        Optional.ofNullable(configured.get(keyId)).map(k -> new StoredKey(k, configuredHashes.get(k.id()))).or(() -> findStored(keyId));
    byte[] expected = key.map(StoredKey::hash).orElse(NO_SUCH_KEY);
    boolean matches = MessageDigest.isEqual(expected, sha256(secret));
    return matches ? key.map(StoredKey::key).filter(ApiKey::active) : Optional.empty();
  }

  /** A key with the hash of its secret. */
  private record StoredKey(ApiKey key, byte[] hash) {}

  private Optional<ApiKey> find(String id) {
    return findStored(id).map(StoredKey::key);
  }

  private Optional<StoredKey> findStored(String id) {
    return jdbc.sql("select * from api_keys where id = ?")
        .param(id)
        .query((rs, row) -> new StoredKey(map(rs, row), HexFormat.of().parseHex(rs.getString("secret_hash"))))
        .optional();
  }

  private static ApiKey map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    return new ApiKey(rs.getString("id"), rs.getString("name"), roles(Arrays.asList(rs.getString("roles").split(","))),
        rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant(), false);
  }

  static Set<Role> roles(List<String> ids) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String id : ids) {
      roles.add(Role.of(id).orElseThrow(() -> new IllegalArgumentException("no role " + id + "; roles are viewer, operator, secrets-reader, admin")));
    }
    return roles;
  }

  private static String ids(Set<Role> roles) {
    return roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
