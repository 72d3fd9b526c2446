package dev.dbplane.bench;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the running service, on loopback only, bounded in count and time: (1) throughput of job
 * status reads (of an ended job and of a running one) against a trivial endpoint of the same
 * service; (2) latency of submissions at a fixed
 * rate, measured from when each request was due (so a stall is not hidden); (3) draining 1,000 jobs
 * through two replicas, checking that no run was lost or repeated. The service runs as its own
 * process on PostgreSQL with the scripted engine of the tests. Results: bench/README.md.
 */
public final class ServiceLoadBenchmark {

  private static final int READ_THREADS = 8;
  private static final Duration READ_TIME = Duration.ofSeconds(4);
  private static final int READ_ROUNDS = 5;
  private static final int SUBMIT_RATE = 200;
  private static final Duration SUBMIT_TIME = Duration.ofSeconds(15);
  private static final Duration SUBMIT_WARMUP = Duration.ofSeconds(5);
  private static final int DRAIN_JOBS = 1000;

  private ServiceLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-bench");
    Map<String, String> properties = ServiceProcess.on(database, dataDir, Map.of("logging.level.root", "WARN"));
    Path log = dataDir.resolve("service.log");
    // Runs of the scripted engine take a second here: a real one takes minutes in a subprocess, so
    // instant runs would load the service with job bookkeeping far beyond what production sees.
    String running = "status-probe-running";
    try (ServiceProcess a = ServiceProcess.start(properties, Map.of("dbplane.test.run-time", "PT1S", "dbplane.test.block", running), log)) {
      String ended = submit(a, "status-probe");
      String active = submitNamed(a, running);
      for (int i = 0; i < 3; i++) {
        reads(a, "/actuator/info", Duration.ofSeconds(5));
        reads(a, "/api/v1/jobs/" + ended, Duration.ofSeconds(5));
      }
      // Alternating rounds, so that drift of a shared machine falls on every endpoint alike.
      List<Double> endedRatios = new ArrayList<>();
      List<Double> activeRatios = new ArrayList<>();
      for (int round = 1; round <= READ_ROUNDS; round++) {
        double trivial = reads(a, "/actuator/info", READ_TIME);
        double endedJob = reads(a, "/api/v1/jobs/" + ended, READ_TIME);
        double activeJob = reads(a, "/api/v1/jobs/" + active, READ_TIME);
        endedRatios.add(endedJob / trivial);
        activeRatios.add(activeJob / trivial);
        System.out.printf("reads round %d: trivial %.0f req/s, ended job %.0f req/s (%.2f), running job %.0f req/s (%.2f)%n",
            round, trivial, endedJob, endedJob / trivial, activeJob, activeJob / trivial);
      }
      Collections.sort(endedRatios);
      Collections.sort(activeRatios);
      System.out.printf("reads: median ratio to trivial: ended job %.2f, running job %.2f%n",
          endedRatios.get(READ_ROUNDS / 2), activeRatios.get(READ_ROUNDS / 2));
      submissions(a, SUBMIT_WARMUP, "warm-up");
      submissions(a, SUBMIT_TIME, "measured");
    }
    // Draining is about the queue itself: instant runs, two replicas competing for every job.
    try (ServiceProcess a = ServiceProcess.start(properties, Map.of(), log);
        ServiceProcess b = ServiceProcess.start(properties, Map.of(), log)) {
      drain(a, b);
    }
  }

  /** Closed loop: as many requests as {@value #READ_THREADS} threads can send in the time. */
  private static double reads(ServiceProcess service, String path, Duration time) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(READ_THREADS);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Instant end = Instant.now().plus(time);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < READ_THREADS; i++) {
      futures.add(threads.submit(() -> {
        while (Instant.now().isBefore(end)) {
          try {
            if (service.get(path).statusCode() == 200) {
              done.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    threads.shutdown();
    if (failed.get() > 0) {
      System.out.println("  " + path + ": " + failed.get() + " failed requests");
    }
    return done.get() / (double) time.toSeconds();
  }

  /** Open loop at {@value #SUBMIT_RATE} per second; latency counted from each request's due time. */
  private static void submissions(ServiceProcess service, Duration time, String label) throws Exception {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    ExecutorService senders = Executors.newFixedThreadPool(64);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    int total = (int) (SUBMIT_RATE * time.toSeconds());
    long start = System.nanoTime();
    long period = TimeUnit.SECONDS.toNanos(1) / SUBMIT_RATE;
    List<Future<?>> sent = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      clock.schedule(() -> sent.add(senders.submit(() -> {
        try {
          HttpResponse<String> response = service.send("POST", "/api/v1/database-clusters", "application/json",
              stackInput("load-" + UUID.randomUUID().toString().substring(0, 12)));
          if (response.statusCode() != 202) {
            errors.incrementAndGet();
          }
        } catch (Exception e) {
          errors.incrementAndGet();
        }
        latencies.add(System.nanoTime() - due);
      })), due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    clock.shutdown();
    clock.awaitTermination(time.toSeconds() + 30, TimeUnit.SECONDS);
    senders.shutdown();
    senders.awaitTermination(60, TimeUnit.SECONDS);
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("submissions (%s): %d at %d/s, errors %d, latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n",
        label, sorted.size(), SUBMIT_RATE, errors.get(), ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0));
  }

  /** Queues {@value #DRAIN_JOBS} jobs through two replicas and waits for all to end. */
  private static void drain(ServiceProcess a, ServiceProcess b) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(16);
    List<Future<String>> ids = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < DRAIN_JOBS; i++) {
      ServiceProcess via = i % 2 == 0 ? a : b;
      ids.add(senders.submit(() -> submit(via, "drain")));
    }
    List<String> jobIds = new ArrayList<>();
    for (Future<String> id : ids) {
      jobIds.add(id.get());
    }
    senders.shutdown();
    Instant submitted = Instant.now();
    int lost = 0;
    int repeated = 0;
    for (String jobId : jobIds) {
      String job = awaitEnd(a, jobId);
      List<String> starts = JsonPath.read(a.get("/api/v1/jobs/" + jobId + "/events").body(), "$[?(@.type == 'started')].seq");
      if (!"SUCCEEDED".equals(JsonPath.read(job, "$.status"))) {
        lost++;
      }
      if (starts.size() != 1 || JsonPath.<Integer>read(job, "$.attempts") != 1) {
        repeated++;
      }
    }
    Duration drained = Duration.between(start, Instant.now());
    System.out.printf("drain: %d jobs through 2 replicas, submitted in %d ms, all ended in %d ms (%.0f jobs/s), not succeeded %d, run other than once %d%n",
        DRAIN_JOBS, Duration.between(start, submitted).toMillis(), drained.toMillis(), DRAIN_JOBS / (drained.toMillis() / 1000.0), lost, repeated);
  }

  private static String submit(ServiceProcess service, String prefix) throws Exception {
    return submitNamed(service, prefix + "-" + UUID.randomUUID().toString().substring(0, 12));
  }

  private static String submitNamed(ServiceProcess service, String name) throws Exception {
    HttpResponse<String> response = service.send("POST", "/api/v1/database-clusters", "application/json", stackInput(name));
    if (response.statusCode() != 202) {
      throw new IllegalStateException("submission refused: " + response.body());
    }
    return JsonPath.read(response.body(), "$.job.id");
  }

  private static String awaitEnd(ServiceProcess service, String jobId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      String job = service.get("/api/v1/jobs/" + jobId).body();
      if (!List.of("QUEUED", "RUNNING", "CANCELLING").contains(JsonPath.<String>read(job, "$.status"))) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("job " + jobId + " did not end");
  }

  private static String stackInput(String name) {
    return """
        {"target": {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseCluster",
          "metadata": {"name": "%1$s", "org": "acme", "env": "bench"},
          "spec": {"clusterName": "%1$s", "engine": "postgres", "engineVersion": "16", "region": "nyc3",
                   "sizeSlug": "db-s-2vcpu-4gb", "nodeCount": 2}},
         "providerConfig": {"apiToken": "dop_v1_bench", "defaultRegion": "nyc3"}}
        """.formatted(name);
  }

  private static double ms(List<Long> sorted, double quantile) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
    return sorted.get(Math.max(index, 0)) / 1_000_000.0;
  }
}
