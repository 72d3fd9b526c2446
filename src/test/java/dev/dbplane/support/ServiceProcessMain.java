package dev.dbplane.support;

import dev.dbplane.DbplaneApplication;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The service as a process of its own, with the scripted engine: for tests that must kill it. A run
 * for the cluster named by {@code -Ddbplane.test.block} blocks until the process dies; every other
 * run takes {@code -Ddbplane.test.run-time} (an ISO-8601 duration, default none).
 */
public final class ServiceProcessMain {

  private ServiceProcessMain() {}

  public static void main(String[] args) {
    ScriptedStackEngine engine = new ScriptedStackEngine();
    String blocked = System.getProperty("dbplane.test.block");
    if (blocked != null) {
      engine.script(blocked, new ScriptedStackEngine.Block(new CountDownLatch(1)));
    }
    engine.defaultScript(new ScriptedStackEngine.Succeed(Duration.parse(System.getProperty("dbplane.test.run-time", "PT0S"))));
    new SpringApplicationBuilder(DbplaneApplication.class)
        .initializers(context -> context.getBeanFactory().registerSingleton("scriptedStackEngine", engine))
        .properties("dbplane.engine=scripted")
        .run(args);
  }
}
