package dev.dbplane.pulumi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The processes of a CLI's session. Each CLI runs as the leader of a session of its own ({@code
 * setsid}); its plugins take process groups of their own but stay in its session (its pid) even
 * once it has died and init has adopted them: stopping what is left in the session stops every
 * plugin of the run, whenever it started. Read from {@code /proc}; where there is none, the CLI's
 * descendants are all that can be found.
 */
final class ProcessSession {

  private static final Path PROC = Path.of("/proc");
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ProcessSession() {}

  /** The command that starts {@code command} as the leader of a new session, where it can. */
  static List<String> leading(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> led = new java.util.ArrayList<>(command.size() + 1);
    led.add(SETSID.toString());
    led.addAll(command);
    return led;
  }

  /** The live members of the session led by {@code leader} (started as it was), the leader aside. */
  static List<ProcessHandle> members(long leader, java.time.Instant leaderStarted) {
    if (!Files.isDirectory(PROC)) {
      return ProcessHandle.of(leader).map(p -> p.descendants().toList()).orElse(List.of());
    }
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != leader && session(p.pid()) == leader)
        // A session id outlives its leader; a process started before the leader is in another one.
        .filter(p -> p.info().startInstant().map(started -> !started.isBefore(leaderStarted)).orElse(true))
        .toList();
  }

  /** SIGKILL to what is left of the session. */
  static void stopMembers(long leader, java.time.Instant leaderStarted) {
    members(leader, leaderStarted).forEach(ProcessHandle::destroyForcibly);
  }

  private static long session(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // pid (comm) state ppid pgrp session ...: comm may hold spaces, so count from its parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]);
    } catch (IOException | RuntimeException e) {
      return -1; // gone, or not ours to read
    }
  }
}
