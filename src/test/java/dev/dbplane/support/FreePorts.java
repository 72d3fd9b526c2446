package dev.dbplane.support;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Ports for the processes the tests start, and for ports that must stay closed. A port is free
 * when it is taken, never handed out twice in a test JVM, and below the range the system gives
 * port-0 binds (32768 and up on Linux): a server started meanwhile on port 0 (a Pulumi plugin, the
 * emulator, a test's HttpServer) cannot take it between its choice and its use, as one once took
 * a port just released by {@code new ServerSocket(0)}.
 */
public final class FreePorts {

  private static final int FIRST = 20_000;
  private static final int LAST = 30_000;
  private static int next = FIRST;

  private FreePorts() {}

  public static synchronized int take() throws IOException {
    while (next < LAST) {
      int port = next++;
      try (ServerSocket probe = new ServerSocket(port)) {
        return port;
      } catch (IOException inUse) {
        // another process has it: the next one
      }
    }
    throw new IOException("no free port left between " + FIRST + " and " + LAST);
  }
}
