package dev.dbplane.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One token bucket of changes per caller (Bucket4j), kept in the database the replicas share (table
 * {@code rate_limit_buckets}): a burst up to the limit, then the limit per minute, for all replicas
 * together. A take reads the caller's bucket and writes it back only if no replica changed it
 * meanwhile (compare and swap, retried by Bucket4j), in SQL that PostgreSQL and H2 both run: the
 * library's own PostgreSQL store needs {@code insert ... on conflict (id)}, which H2 does not parse.
 */
final class ChangeBuckets {

  private static final int MAX_ID_LENGTH = 200;

  private final JdbcClient jdbc;
  private final ProxyManager<String> buckets;
  private final int perMinute;
  private final BucketConfiguration limit;

  ChangeBuckets(JdbcClient jdbc, int perMinute) {
    this.jdbc = jdbc;
    this.perMinute = perMinute;
    this.buckets = new InTable(jdbc);
    this.limit = BucketConfiguration.builder()
        .addLimit(bandwidth -> bandwidth.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }

  /** Takes a token of the caller's; 0 when one was there, otherwise the whole seconds until one will be. */
  long take(String caller) {
    ConsumptionProbe probe = buckets.builder().build(id(caller), () -> limit).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).plusMillis(999).toSeconds());
  }

  /** Drops up to this many rows of buckets that are full again (a caller who comes back starts full); how many went. */
  int removeFull(int atMost) {
    return jdbc.sql("delete from rate_limit_buckets where id in (select id from rate_limit_buckets where expires_at < ? limit ?)")
        .params(System.currentTimeMillis(), atMost).update();
  }

  /**
   * The caller's bucket under this limit: a bucket keeps the limit it was made with, so a changed
   * limit starts new buckets. The caller's name as it is or, when too long for the column, its SHA-256.
   */
  private String id(String caller) {
    String prefix = perMinute + "/min:";
    if (prefix.length() + caller.length() <= MAX_ID_LENGTH) {
      return prefix + caller;
    }
    try {
      return prefix + "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(caller.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Bucket4j's buckets in the table, each row with the time its bucket is full again. */
  private static final class InTable extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final ExpirationAfterWriteStrategy FULL_AGAIN = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

    private final JdbcClient jdbc;

    InTable(JdbcClient jdbc) {
      super(ClientSideConfig.getDefault());
      this.jdbc = jdbc;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
      return new CompareAndSwapOperation() {
        @Override
        public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
          return jdbc.sql("select state from rate_limit_buckets where id = ?").param(key).query(byte[].class).optional();
        }

        @Override
        public boolean compareAndSwap(byte @Nullable [] original, byte[] updated, RemoteBucketState state, Optional<Long> timeoutNanos) {
          long now = System.currentTimeMillis();
          long fullAt = now + FULL_AGAIN.calculateTimeToLiveMillis(state, now * 1_000_000);
          if (original == null) {
            try {
              return jdbc.sql("insert into rate_limit_buckets (id, state, expires_at) values (?, ?, ?)").params(key, updated, fullAt).update() == 1;
            } catch (DuplicateKeyException e) {
              return false; // another replica made the caller's bucket first: read it again
            }
          }
          return jdbc.sql("update rate_limit_buckets set state = ?, expires_at = ? where id = ? and state = ?")
              .params(updated, fullAt, key, original).update() == 1;
        }
      };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
      throw new UnsupportedOperationException("the buckets are taken synchronously");
    }

    @Override
    public void removeProxy(String key) {
      jdbc.sql("delete from rate_limit_buckets where id = ?").param(key).update();
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
      throw new UnsupportedOperationException("the buckets are taken synchronously");
    }

    @Override
    public boolean isAsyncModeSupported() {
      return false;
    }
  }
}
