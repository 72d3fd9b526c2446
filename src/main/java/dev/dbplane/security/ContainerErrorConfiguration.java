package dev.dbplane.security;

import dev.dbplane.problem.ProblemWriter;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link ContainerErrorReport} in place of Tomcat's HTML error report. */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport(ProblemWriter problems) {
    // Unordered, so after Spring Boot's customizer, which adds an HTML report of its own to the host.
    return factory -> factory.addContextCustomizers(context -> {
      Pipeline host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.removeValve(valve);
        }
      }
      host.addValve(new ContainerErrorReport(problems));
      // Tomcat adds its default report at start-up unless the host names the one it has.
      ((StandardHost) context.getParent()).setErrorReportValveClass(ContainerErrorReport.class.getName());
    });
  }
}
