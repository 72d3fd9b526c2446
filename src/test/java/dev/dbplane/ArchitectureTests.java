package dev.dbplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the house's boundaries, as the README's layout table states them: which of the service's
 * packages each package may use (every package is listed; a new one must be), that the domain
 * knows neither the web nor Pulumi, that Pulumi stays in the engine and the kinds' programs, and
 * that nothing depends in a cycle. Within a package, what others must not touch is package-private,
 * which the compiler holds.
 */
class ArchitectureTests {

  /** Each package of the service and the packages of the service it may use. */
  private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      Map.entry("dev.dbplane", Set.of()),
      Map.entry("common", Set.of()),
      Map.entry("config", Set.of()),
      Map.entry("engine", Set.of()),
      Map.entry("audit", Set.of()),
      Map.entry("problem", Set.of()),
      Map.entry("intake", Set.of()),
      Map.entry("crypto", Set.of("config")),
      Map.entry("storage", Set.of("config", "crypto")),
      Map.entry("digitalocean", Set.of("engine")),
      Map.entry("catalog", Set.of("digitalocean", "engine", "config")),
      Map.entry("resource", Set.of("engine", "crypto", "job", "audit", "common", "config")),
      Map.entry("job", Set.of("engine", "audit", "common", "config")),
      Map.entry("cluster", Set.of("resource", "catalog", "engine", "job", "audit", "config")),
      Map.entry("cluster.program", Set.of("cluster", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("cluster.verification", Set.of("cluster", "engine", "config")),
      Map.entry("firewall", Set.of("resource", "engine", "config")),
      Map.entry("firewall.program", Set.of("firewall", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("replica", Set.of("resource", "engine", "config")),
      Map.entry("replica.program", Set.of("replica", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("db", Set.of("resource", "engine", "config")),
      Map.entry("db.program", Set.of("db", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("user", Set.of("resource", "engine", "config")),
      Map.entry("user.program", Set.of("user", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("pool", Set.of("resource", "engine", "config")),
      Map.entry("pool.program", Set.of("pool", "resource", "engine", "pulumi", "digitalocean", "config")),
      Map.entry("pulumi", Set.of("engine", "digitalocean", "crypto", "config")),
      Map.entry("security", Set.of("problem", "audit", "common", "config", "crypto")),
      Map.entry("idempotency", Set.of("intake", "problem", "security", "common", "config", "crypto")),
      Map.entry("webhook", Set.of("job", "engine", "audit", "common", "config", "crypto")),
      Map.entry("api", Set.of("cluster", "catalog", "db", "user", "pool", "firewall", "replica", "resource", "job", "engine", "intake", "idempotency", "problem", "security", "webhook", "audit",
          "common", "config")));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.dbplane");
  }

  @Test
  void everyPackageUsesOnlyThePackagesItMay() {
    Set<String> packages = classes.stream().map(ArchitectureTests::packageOf).collect(Collectors.toCollection(TreeSet::new));
    assertThat(MAY_USE.keySet()).as("every package of the service is listed, and only those").containsExactlyInAnyOrderElementsOf(packages);
    for (String pkg : packages) {
      Set<String> allowed = new TreeSet<>(MAY_USE.get(pkg));
      allowed.add(pkg);
      Set<String> used = classes.stream()
          .filter(c -> packageOf(c).equals(pkg))
          .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
          .map(d -> d.getTargetClass())
          .filter(t -> t.getPackageName().startsWith("dev.dbplane"))
          .map(ArchitectureTests::packageOf)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(used).as("the packages " + pkg + " uses").isSubsetOf(allowed);
    }
  }

  @Test
  void theDomainKnowsNothingOfTheWebOrOfPulumi() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.dbplane.resource..", "dev.dbplane.cluster..", "dev.dbplane.job..", "dev.dbplane.engine..")
        .and()
        .resideOutsideOfPackage("..program..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "com.pulumi..")
        .check(classes);
  }

  @Test
  void onlyThePulumiEngineAndTheKindsProgramsKnowPulumi() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.dbplane.pulumi..", "dev.dbplane.*.program..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.pulumi..")
        .check(classes);
  }

  @Test
  void theIntakeAndTheProblemVocabularyKnowNoResourceKindAndNoStorage() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.dbplane.intake..", "dev.dbplane.problem..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "org.project_planton.provider..")
        .check(classes);
  }

  @Test
  void controllersReachNoStoreAndNoDatabase() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.api..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Store")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..")
        .check(classes);
  }

  /** Beside the API's, only the servlet container's error dispatch, which answers outside any endpoint. */
  @Test
  void onlyTheApiHoldsControllers() {
    classes()
        .that()
        .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
        .and()
        .doNotHaveSimpleName("ErrorDispatch")
        .should()
        .resideInAPackage("dev.dbplane.api")
        .check(classes);
  }

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching("dev.dbplane.(**)").should().beFreeOfCycles().check(classes);
  }

  /** The package below dev.dbplane ("cluster.program"), or "dev.dbplane" for the application. */
  private static String packageOf(JavaClass type) {
    String name = type.getPackageName();
    return name.equals("dev.dbplane") ? name : name.substring("dev.dbplane.".length());
  }
}
