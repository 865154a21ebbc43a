package io.opendms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled production classes of every module (the
 * server's test class path holds them all): dependencies point downward only, the SPI stands
 * alone, and a connector never reaches into a sibling connector.
 */
class ArchitectureTest {
  private static JavaClasses productionClasses;

  @BeforeAll
  static void importProductionClasses() {
    productionClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.opendms");
  }

  @Test
  void importsTheClassesOfEveryLayer() {
    // Guards the rules below against passing on an empty or partial class path.
    Set<String> packages =
        productionClasses.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(packages)
        .anyMatch(name -> name.startsWith("io.opendms.spi"))
        .anyMatch(name -> name.startsWith("io.opendms.engine"))
        .anyMatch(name -> name.startsWith("io.opendms.connector."))
        .anyMatch(name -> name.startsWith("io.opendms.cli"));
  }

  @Test
  void spiDependsOnlyOnTheJdkAndItself() {
    classes()
        .that()
        .resideInAPackage("io.opendms.spi..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.net.ssl..", "javax.security.auth.x500..",
            "io.opendms.spi..")
        .because("the SPI is the contract connectors compile against and has no other dependency"
            + " than the JDK (TLS trust from PEM text is shared by several connectors)")
        .check(productionClasses);
  }

  @Test
  void engineKnowsConnectorsOnlyThroughTheSpi() {
    noClasses()
        .that()
        .resideInAPackage("io.opendms.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.opendms.connector..", "io.opendms.cli..", "io.opendms.server..")
        .because("the engine sits below the connectors and the command line")
        .check(productionClasses);
  }

  @Test
  void connectorsDoNotDependOnEachOther() {
    slices()
        .matching("io.opendms.connector.(*)..")
        .should()
        .notDependOnEachOther()
        .because("a connector never imports another connector")
        .check(productionClasses);
  }

  @Test
  void connectorsDependNeitherOnTheEngineNorOnTheLayersAbove() {
    noClasses()
        .that()
        .resideInAPackage("io.opendms.connector..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.opendms.engine..", "io.opendms.cli..", "io.opendms.server..")
        .because("connectors implement the SPI and know nothing of who drives them")
        .check(productionClasses);
  }

  @Test
  void productionCodeDoesNotDependOnTheTestKit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.opendms.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.opendms.testkit..")
        .because("the test kit holds fixtures for tests only")
        .check(productionClasses);
  }

  @Test
  void serverLayersPointDownward() {
    noClasses().that().resideInAPackage("io.opendms.server.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.opendms.server.api..",
            "io.opendms.server.control..", "io.opendms.server.auth..", "io.opendms.cli..")
        .because("the store knows nothing of who uses it")
        .check(productionClasses);
    noClasses().that().resideInAPackage("io.opendms.server.control..")
        .should().dependOnClassesThat().resideInAnyPackage("io.opendms.server.api..",
            "io.opendms.server.auth..", "io.opendms.cli..")
        .because("the API knows the engine only through control, never the other way round")
        .check(productionClasses);
    noClasses().that().resideInAPackage("io.opendms.server.dms..")
        .should().dependOnClassesThat().resideInAnyPackage("io.opendms.server.api..",
            "io.opendms.server.control..", "io.opendms.server.store..", "io.opendms.server.auth..",
            "io.opendms.engine..")
        .because("the shared DMS vocabulary sits below every server layer")
        .check(productionClasses);
  }

  @Test
  void theConsoleSitsBesideTheApiAndMetricsBelowBoth() {
    noClasses().that().resideInAnyPackage("io.opendms.server.control..", "io.opendms.server.api..",
            "io.opendms.server.metrics..", "io.opendms.server.tasklog..", "io.opendms.server.store..")
        .should().dependOnClassesThat().resideInAPackage("io.opendms.server.console..")
        .because("the console is a client of the control layer, like the API")
        .check(productionClasses);
    noClasses().that().resideInAnyPackage("io.opendms.server.metrics..", "io.opendms.server.tasklog..")
        .should().dependOnClassesThat().resideInAnyPackage("io.opendms.server.api..", "io.opendms.server.auth..")
        .check(productionClasses);
    noClasses().that().resideInAPackage("io.opendms.server.tasklog..")
        .should().dependOnClassesThat().resideInAnyPackage("io.opendms.server.control..", "io.opendms.server.store..")
        .because("task logs are written from below the control layer's task threads")
        .check(productionClasses);
  }
}
