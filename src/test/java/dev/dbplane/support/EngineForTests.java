package dev.dbplane.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts the scripted engine in place of the real one. */
@TestConfiguration(proxyBeanMethods = false)
public class EngineForTests {

  @Bean
  ScriptedStackEngine scriptedStackEngine() {
    return new ScriptedStackEngine();
  }
}
