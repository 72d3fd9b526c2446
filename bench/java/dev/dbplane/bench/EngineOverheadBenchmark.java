package dev.dbplane.bench;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the service adds to the Pulumi CLI, with the real engine (the CLI, the sandbox provider,
 * the DigitalOcean emulator with its delays at zero), on loopback only, bounded in count and time:
 * (1) for UP (a create, then an update), PREVIEW (of a changed spec), REFRESH and DESTROY, each
 * job's wall time from queued to finished against the time of the same operation's commands through
 * the bare CLI on the same stack (for a create, {@code stack init} and {@code up}, as a person with
 * the bare CLI runs them), and the CLI processes each job starts, over {@value #CLUSTERS} clusters after a
 * warm-up one; (2) the peak memory of the CLIs and plugins of {@value #CONCURRENT} creates running at
 * once, and of the service's JVM. The CLI the service runs is a wrapper, written here at run time,
 * that runs the real CLI as its child and logs every run with its job. Results: bench/README.md.
 */
public final class EngineOverheadBenchmark {

  private static final int CLUSTERS = 5;
  private static final int CONCURRENT = 3;
  private static final String CREATE = "UP, a create";
  private static final String UPDATE = "UP, an update";
  private static final List<String> OPERATIONS = List.of(CREATE, UPDATE, "PREVIEW", "REFRESH", "DESTROY");
  private static final Set<String> MAIN_COMMANDS = Set.of("up", "preview", "refresh", "destroy");
  /** With the bare CLI, a new stack is created before its first update, as the service does. */
  private static final Set<String> CREATE_COMMANDS = Set.of("stack init", "up");
  /** The scheduler's default: a production-like run, not one tuned for the benchmark. */
  private static final String DEFAULT_POLLING_INTERVAL = "1s";
  private static final Duration JOB_WAIT = Duration.ofMinutes(5);
  private static final Duration TOTAL_LIMIT = Duration.ofMinutes(40);
  private static final long SAMPLE_MILLIS = 100;
  private static final int SAMPLE_LIMIT = 6_000; // ten minutes of samples
  private static final String PLUGIN = "pulumi-resource-digitalocean";

  private static final Instant DEADLINE = Instant.now().plus(TOTAL_LIMIT);

  private EngineOverheadBenchmark() {}

  /** A job as its timestamps tell it. */
  private record JobTiming(String operation, String id, Instant queued, Instant started, Instant finished) {
    JobTiming as(String label) {
      return new JobTiming(label, id, queued, started, finished);
    }

    long wallMillis() {
      return Duration.between(queued, finished).toMillis();
    }
  }

  /** One run of the CLI, as the wrapper logged it (epoch milliseconds). */
  private record CliRun(long start, long end, int exit, String jobId, List<String> args) {
    long millis() {
      return end - start;
    }

    String command() {
      if (args.isEmpty()) {
        return "?";
      }
      return args.get(0).equals("stack") && args.size() > 1 ? "stack " + args.get(1) : args.get(0);
    }
  }

  /** @param args optionally the scheduler's polling interval (dbplane.jobs.polling-interval), default 1s */
  public static void main(String[] args) throws Exception {
    String pollingInterval = args.length > 0 ? args[0] : DEFAULT_POLLING_INTERVAL;
    Sandbox sandbox = Sandbox.require();
    sandbox.settings("{\"create_delay\":\"0s\",\"resize_delay\":\"0s\",\"name_hold\":\"0s\"}");
    Path dataDir = Files.createTempDirectory("dbplane-bench-engine");
    Path cliLog = dataDir.resolve("cli-runs.log");
    Path realCli = sandbox.cli().toRealPath();
    Path wrapper = writeWrapper(dataDir.resolve("pulumi-logged"), realCli, cliLog);
    Map<String, String> extra = new HashMap<>(sandbox.serviceProperties());
    extra.put("dbplane.pulumi.cli", wrapper.toString());
    extra.put("dbplane.jobs.workers", Integer.toString(CONCURRENT));
    extra.put("dbplane.jobs.polling-interval", pollingInterval);
    extra.put("dbplane.security.mutations-per-minute", "10000");
    extra.put("logging.level.root", "WARN");
    Map<String, String> properties = ServiceProcess.on(TestPostgres.newDatabase(), dataDir, extra);
    Path log = dataDir.resolve("service.log");
    System.out.printf("engine overhead: CLI %s (through %s), scheduler polling every %s, %d worker(s); files in %s%n",
        realCli, wrapper, pollingInterval, CONCURRENT, dataDir);
    try (ServiceProcess service = ServiceProcess.startReal(properties, log)) {
      ApiClient api = service.api();
      lifecycle(api, "overhead-warmup-" + suffix());
      List<JobTiming> measured = new ArrayList<>();
      for (int i = 1; i <= CLUSTERS; i++) {
        measured.addAll(lifecycle(api, "overhead-" + i + "-" + suffix()));
      }
      Map<String, List<CliRun>> runs = cliRuns(cliLog);
      for (String operation : OPERATIONS) {
        report(operation, measured.stream().filter(j -> j.operation().equals(operation)).toList(), runs);
      }
      concurrentCreates(service, realCli);
    }
  }

  /** Creates a cluster, resizes it, previews a change, refreshes it and destroys it; one job at a time. */
  private static List<JobTiming> lifecycle(ApiClient api, String name) throws Exception {
    HttpResponse<String> created = accepted(api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1)));
    String clusterId = JsonPath.read(created.body(), "$.clusterId");
    String path = "/api/v1/database-clusters/" + clusterId;
    List<JobTiming> jobs = new ArrayList<>();
    jobs.add(ended(api, created).as(CREATE));
    String etag = api.get(path).headers().firstValue("ETag").orElseThrow();
    jobs.add(ended(api, accepted(api.sendWithIfMatch("PUT", path, Sandbox.stackInput(name, 2), etag))).as(UPDATE));
    jobs.add(ended(api, accepted(api.send("POST", path + ":preview", "application/json", Sandbox.stackInput(name, 3)))));
    jobs.add(ended(api, accepted(api.send("POST", path + ":refresh", null, null))));
    jobs.add(ended(api, accepted(api.send("DELETE", path + "?confirm=" + name, null, null))));
    return jobs;
  }

  private static HttpResponse<String> accepted(HttpResponse<String> response) {
    if (response.statusCode() != 202) {
      throw new IllegalStateException("not accepted (" + response.statusCode() + "): " + response.body());
    }
    return response;
  }

  /** Waits for the job of this 202 to succeed, and returns its timestamps. */
  private static JobTiming ended(ApiClient api, HttpResponse<String> accepted) throws Exception {
    if (Instant.now().isAfter(DEADLINE)) {
      throw new IllegalStateException("the benchmark ran longer than " + TOTAL_LIMIT);
    }
    String job = api.awaitEnd(JsonPath.read(accepted.body(), "$.job.id"), JOB_WAIT);
    if (!"SUCCEEDED".equals(JsonPath.read(job, "$.status"))) {
      throw new IllegalStateException("a job did not succeed: " + job);
    }
    return new JobTiming(JsonPath.read(job, "$.operation"), JsonPath.read(job, "$.id"), Instant.parse(JsonPath.read(job, "$.queuedAt")),
        Instant.parse(JsonPath.read(job, "$.startedAt")), Instant.parse(JsonPath.read(job, "$.finishedAt")));
  }

  /**
   * Wall time per job against its main CLI command, the processes each job started, and where the
   * rest of the time went: waiting for the scheduler, before the first CLI, in the other CLI
   * commands, between commands, after the last one.
   */
  private static void report(String operation, List<JobTiming> jobs, Map<String, List<CliRun>> runs) {
    List<Long> walls = new ArrayList<>();
    List<Long> mains = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> runRatios = new ArrayList<>();
    List<Long> queueWaits = new ArrayList<>();
    List<Long> beforeCli = new ArrayList<>();
    List<Long> otherCli = new ArrayList<>();
    List<Long> between = new ArrayList<>();
    List<Long> afterCli = new ArrayList<>();
    Map<String, Integer> processCounts = new TreeMap<>();
    for (JobTiming job : jobs) {
      List<CliRun> own = runs.getOrDefault(job.id(), List.of());
      Set<String> mainCommands = operation.equals(CREATE) ? CREATE_COMMANDS : MAIN_COMMANDS;
      List<CliRun> main = own.stream().filter(r -> mainCommands.contains(r.command())).toList();
      int expectedMain = operation.equals(CREATE) ? CREATE_COMMANDS.size() : 1;
      if (main.size() != expectedMain || own.stream().anyMatch(r -> r.exit() != 0)) {
        System.out.printf("  %s job %s: odd CLI runs: %s%n", operation, job.id(), own);
      }
      if (main.isEmpty()) {
        continue;
      }
      long mainMillis = main.stream().mapToLong(CliRun::millis).sum();
      long allCli = own.stream().mapToLong(CliRun::millis).sum();
      long firstStart = own.stream().mapToLong(CliRun::start).min().orElseThrow();
      long lastEnd = own.stream().mapToLong(CliRun::end).max().orElseThrow();
      walls.add(job.wallMillis());
      mains.add(mainMillis);
      ratios.add(job.wallMillis() / (double) mainMillis);
      runRatios.add(Duration.between(job.started(), job.finished()).toMillis() / (double) mainMillis);
      queueWaits.add(Duration.between(job.queued(), job.started()).toMillis());
      beforeCli.add(firstStart - job.started().toEpochMilli());
      otherCli.add(allCli - mainMillis);
      between.add(lastEnd - firstStart - allCli);
      afterCli.add(job.finished().toEpochMilli() - lastEnd);
      String commands = own.size() + " (" + String.join(", ", own.stream().map(CliRun::command).toList()) + ")";
      processCounts.merge(commands, 1, Integer::sum);
    }
    if (walls.isEmpty()) {
      System.out.printf("%s: no job with its CLI command logged%n", operation);
      return;
    }
    System.out.printf("%s (%d jobs): wall ms median %d max %d; main CLI command ms median %d max %d; ratio median %.2f max %.2f%n",
        operation, walls.size(), median(walls), max(walls), median(mains), max(mains), median(ratios), Collections.max(ratios));
    System.out.printf("  ratios %s; started->finished / main command: median %.2f max %.2f%n",
        ratios.stream().map(r -> String.format("%.2f", r)).toList(), median(runRatios), Collections.max(runRatios));
    System.out.printf("  CLI processes per job: %s%n", processCounts);
    System.out.printf("  ms, median: queued->started %d, started->first CLI %d, other CLI commands %d, between CLI commands %d, last CLI->finished %d%n",
        median(queueWaits), median(beforeCli), median(otherCli), median(between), median(afterCli));
  }

  /** {@value #CONCURRENT} creates submitted together, the RSS of their CLIs and plugins sampled. */
  private static void concurrentCreates(ServiceProcess service, Path realCli) throws Exception {
    ProcessHandle serviceHandle = ProcessHandle.of(service.pid()).orElseThrow();
    MemorySampler sampler = new MemorySampler(serviceHandle, realCli);
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    clock.scheduleAtFixedRate(sampler::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    List<String> names = new ArrayList<>();
    List<HttpResponse<String>> submitted = new ArrayList<>();
    try {
      for (int i = 1; i <= CONCURRENT; i++) {
        names.add("overhead-concurrent-" + i + "-" + suffix());
      }
      for (String name : names) {
        submitted.add(accepted(service.api().send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1))));
      }
      List<JobTiming> creates = new ArrayList<>();
      for (HttpResponse<String> created : submitted) {
        creates.add(ended(service.api(), created));
      }
      Instant firstStart = creates.stream().map(JobTiming::started).min(Instant::compareTo).orElseThrow();
      Instant lastStart = creates.stream().map(JobTiming::started).max(Instant::compareTo).orElseThrow();
      System.out.printf("concurrent: %d creates, started within %d ms of each other, wall ms %s%n", CONCURRENT,
          Duration.between(firstStart, lastStart).toMillis(), creates.stream().map(JobTiming::wallMillis).toList());
    } finally {
      clock.shutdown();
      clock.awaitTermination(10, TimeUnit.SECONDS);
    }
    sampler.report();
    for (int i = 0; i < submitted.size(); i++) {
      String clusterId = JsonPath.read(submitted.get(i).body(), "$.clusterId");
      ended(service.api(), accepted(service.api().send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + names.get(i), null, null)));
    }
  }

  /**
   * Samples, every {@value #SAMPLE_MILLIS} ms, the resident memory of every CLI and provider plugin
   * under the service's process, grouped by the job they run for (the job id in the environment of
   * the wrapper that leads each CLI's session), and the service JVM's own.
   */
  private static final class MemorySampler {
    private final ProcessHandle service;
    private final Path realCli;
    private final Map<Long, String> sessionJobs = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> clisPerJob = new TreeMap<>();
    private final Map<String, Set<Long>> pluginsPerJob = new TreeMap<>();
    private int samples;
    private long peakCli;
    private long peakCliHwm;
    private long peakPlugin;
    private long peakPluginHwm;
    private long peakPerJob;
    private long peakAllRuns;
    private long peakService;
    private int peakConcurrentClis;

    MemorySampler(ProcessHandle service, Path realCli) {
      this.service = service;
      this.realCli = realCli;
    }

    synchronized void sample() {
      if (samples >= SAMPLE_LIMIT) {
        return;
      }
      samples++;
      try {
        peakService = Math.max(peakService, status(service.pid(), "VmRSS"));
        Map<String, Long> perJob = new HashMap<>();
        long all = 0;
        int clis = 0;
        for (ProcessHandle p : service.descendants().toList()) {
          Optional<String> command = p.info().command();
          if (command.isEmpty()) {
            continue;
          }
          boolean cli = command.get().equals(realCli.toString());
          boolean plugin = Path.of(command.get()).getFileName().toString().equals(PLUGIN);
          if (!cli && !plugin) {
            continue;
          }
          long rss = status(p.pid(), "VmRSS");
          long hwm = status(p.pid(), "VmHWM");
          String job = jobOf(p.pid());
          (cli ? clisPerJob : pluginsPerJob).computeIfAbsent(job, j -> new TreeSet<>()).add(p.pid());
          if (cli) {
            clis++;
            peakCli = Math.max(peakCli, rss);
            peakCliHwm = Math.max(peakCliHwm, hwm);
          } else {
            peakPlugin = Math.max(peakPlugin, rss);
            peakPluginHwm = Math.max(peakPluginHwm, hwm);
          }
          perJob.merge(job, rss, Long::sum);
          all += rss;
        }
        peakPerJob = Math.max(peakPerJob, perJob.values().stream().mapToLong(Long::longValue).max().orElse(0));
        peakAllRuns = Math.max(peakAllRuns, all);
        peakConcurrentClis = Math.max(peakConcurrentClis, clis);
      } catch (RuntimeException e) {
        // A process that ended while it was read: the next sample has the rest.
      }
    }

    /** The job of the wrapper leading this process's session, read once per session. */
    private String jobOf(long pid) {
      long session = session(pid);
      return sessionJobs.computeIfAbsent(session, s -> {
        String environ = read(Path.of("/proc", Long.toString(s), "environ")).replace('\0', '\n');
        return environ.lines().filter(l -> l.startsWith("DBPLANE_JOB_ID=")).map(l -> l.substring("DBPLANE_JOB_ID=".length()))
            .findFirst().orElse("session-" + s);
      });
    }

    synchronized void report() {
      System.out.printf("concurrent: %d samples; peak RSS MiB: one CLI %.0f (VmHWM %.0f), one plugin %.0f (VmHWM %.0f), "
              + "one run's CLI + plugins %.0f, all %d runs %.0f (at most %d CLIs at once), service JVM %.0f%n",
          samples, mib(peakCli), mib(peakCliHwm), mib(peakPlugin), mib(peakPluginHwm), mib(peakPerJob), CONCURRENT, mib(peakAllRuns),
          peakConcurrentClis, mib(peakService));
      Map<String, String> seen = new LinkedHashMap<>();
      clisPerJob.forEach((job, pids) -> seen.put(job, pids.size() + " CLI(s), "
          + pluginsPerJob.getOrDefault(job, Set.of()).size() + " plugin(s)"));
      System.out.printf("concurrent: processes seen per job (sampled: a short command can fall between samples): %s%n", seen);
    }
  }

  /** A field of /proc/pid/status in kB; 0 when the process is gone. */
  private static long status(long pid, String field) {
    for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
      }
    }
    return 0;
  }

  private static long session(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat.isEmpty()) {
      return -1;
    }
    // pid (comm) state ppid pgrp session ...: comm may hold spaces, so count from its parenthesis.
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The CLI the service runs: a script that runs the real CLI as its child (not exec: it logs the end
   * time) with stdin, stdout and stderr passed through, forwards TERM and INT to it, and appends
   * {@code <start-ms> <end-ms> <exit> <job id or -> <args...>} to the log.
   */
  private static Path writeWrapper(Path script, Path realCli, Path log) throws IOException {
    String text = """
        #!/bin/bash
        # Written by EngineOverheadBenchmark: runs the real Pulumi CLI and logs each run with its job.
        real=%s
        log=%s
        now() { local t=${EPOCHREALTIME/[.,]/}; echo "${t:0:-3}"; }
        child=""
        pending=""
        forward() { if [ -n "$child" ]; then kill -"$1" "$child" 2>/dev/null; else pending="$1"; fi; }
        trap 'forward TERM' TERM
        trap 'forward INT' INT
        start=$(now)
        # A background command's stdin would be /dev/null: hand it this script's own.
        "$real" "$@" <&0 &
        child=$!
        [ -n "$pending" ] && kill -"$pending" "$child" 2>/dev/null
        for ((i = 0; i < 1000; i++)); do
          wait "$child"
          code=$?
          # A trapped signal ends the wait early, with the child still there (a zombie counts).
          kill -0 "$child" 2>/dev/null || break
        done
        if [ "$code" -gt 128 ]; then
          wait "$child" 2>/dev/null
          late=$?
          [ "$late" -ne 127 ] && code=$late
        fi
        end=$(now)
        printf '%%s %%s %%s %%s %%s\\n' "$start" "$end" "$code" "${DBPLANE_JOB_ID:--}" "$*" >> "$log"
        exit "$code"
        """.formatted(quoted(realCli.toString()), quoted(log.toString()));
    Files.writeString(script, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** The wrapper's log, by job id (runs without a job, such as {@code pulumi version}, left out). */
  private static Map<String, List<CliRun>> cliRuns(Path log) throws IOException {
    Map<String, List<CliRun>> runs = new HashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String[] parts = line.split(" ", 5);
      if (parts.length < 4 || parts[3].equals("-")) {
        continue;
      }
      List<String> args = parts.length == 5 ? List.of(parts[4].split(" ")) : List.of();
      runs.computeIfAbsent(parts[3], j -> new ArrayList<>())
          .add(new CliRun(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[3], args));
    }
    runs.values().forEach(list -> list.sort((a, b) -> Long.compare(a.start(), b.start())));
    return runs;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static <T extends Comparable<T>> T median(List<T> values) {
    List<T> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long max(List<Long> values) {
    return Collections.max(values);
  }

  private static double mib(long kb) {
    return kb / 1024.0;
  }
}
