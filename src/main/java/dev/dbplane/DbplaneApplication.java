package dev.dbplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DbplaneApplication {

  public static void main(String[] args) {
    SpringApplication.run(DbplaneApplication.class, args);
  }
}
