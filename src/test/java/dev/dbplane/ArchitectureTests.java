package dev.dbplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the capability packages' boundaries of the architecture note. */
class ArchitectureTests {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.dbplane");
  }

  @Test
  void theDomainKnowsNothingOfTheWebOrOfPulumi() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.dbplane.resource..", "dev.dbplane.cluster..")
        .and()
        .resideOutsideOfPackage("..program..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "com.pulumi..", "dev.dbplane.api..", "dev.dbplane.pulumi..")
        .check(classes);
  }

  @Test
  void jobsKnowNothingOfClustersOrOfTheWeb() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.dbplane.cluster..", "dev.dbplane.api..", "org.springframework.web..", "jakarta.servlet..")
        .check(classes);
  }

  @Test
  void theEnginePortDependsOnNoOtherCapability() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.dbplane.api..", "dev.dbplane.cluster..", "dev.dbplane.job..", "dev.dbplane.crypto..", "dev.dbplane.config..")
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
  void configurationDependsOnNoOtherCapability() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.dbplane.api..", "dev.dbplane.cluster..", "dev.dbplane.job..", "dev.dbplane.engine..", "dev.dbplane.crypto..")
        .check(classes);
  }

  @Test
  void theIntakeKnowsNoResourceKindAndTheProblemVocabularyNoOtherPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.intake..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.dbplane.intake..", "java..", "com.google..", "org.yaml..", "org.springframework..", "jakarta.servlet..",
            "org.jspecify..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.problem..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.dbplane.problem..", "java..", "org.springframework..", "jakarta.servlet..", "tools.jackson..",
            "com.fasterxml.jackson.annotation..", "io.swagger.v3.oas.annotations..", "org.jspecify..")
        .check(classes);
  }

  @Test
  void idempotencyKnowsNoControllerAndNoResourceKind() {
    noClasses()
        .that()
        .resideInAPackage("dev.dbplane.idempotency..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.dbplane.api..", "dev.dbplane.cluster..", "dev.dbplane.engine..")
        .check(classes);
  }

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching("dev.dbplane.(*)..").should().beFreeOfCycles().check(classes);
  }
}
