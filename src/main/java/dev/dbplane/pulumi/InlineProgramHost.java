package dev.dbplane.pulumi;

import com.pulumi.Context;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The language host through which the CLI runs the inline program ({@code --client}): the SDK's own
 * language runtime, served on the loopback address for one run.
 *
 * <p>The SDK keeps its host private to {@code WorkspaceStack}, whose operations each run more CLI
 * commands than the work needs (a stack select before, two {@code stack output} and a {@code stack
 * history} after every up). So the engine runs the CLI itself and serves the SDK's runtime class,
 * reached by reflection since it is package-private; the pinned SDK version and the real-engine tests
 * keep that honest. The SDK's host also listens on every interface; this one only on loopback.
 */
final class InlineProgramHost implements AutoCloseable {

  private static final String SDK_RUNTIME = "com.pulumi.automation.LanguageRuntimeImpl";
  /** As the SDK's host: a program's resource graph can exceed gRPC's default of 4 MiB. */
  private static final int MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

  private final Server server;

  private InlineProgramHost(Server server) {
    this.server = server;
  }

  static InlineProgramHost start(Consumer<Context> program) throws IOException {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .addService(sdkRuntime(program))
        .build()
        .start();
    return new InlineProgramHost(server);
  }

  /** The CLI's {@code --client} argument. */
  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private static BindableService sdkRuntime(Consumer<Context> program) {
    try {
      Constructor<?> constructor = Class.forName(SDK_RUNTIME).getConstructor(Consumer.class, Logger.class);
      constructor.setAccessible(true);
      return (BindableService) constructor.newInstance(program, Logger.getLogger(InlineProgramHost.class.getName()));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("the Pulumi SDK's language runtime (" + SDK_RUNTIME + ") is not as this engine expects", e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
