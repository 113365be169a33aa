package io.arbiter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/*
 * Why these rules are tests: the rooms of docs/architecture.md (one room per concern, one door per
 * heavy dependency) held only as long as someone remembered them; each rule below fails the build
 * the day a class crosses a wall. They read the compiled main classes of every module on this
 * module's classpath (engine, tools, training, openimis, api); the benchmarks module measures each
 * room directly and is exempt.
 */

/** The structure of docs/architecture.md, enforced with ArchUnit on the main classes of every module. */
@AnalyzeClasses(packages = {"io.arbiter", "db.migration"}, importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {
  /** The engine's core: values, the pipeline and the services, free of every heavy dependency. */
  private static final String[] CORE = {"io.arbiter.claim..", "io.arbiter.scheme..", "io.arbiter.ledger..",
      "io.arbiter.access..", "io.arbiter.input..", "io.arbiter.json..", "io.arbiter.rules..",
      "io.arbiter.engine..", "io.arbiter.review..", "io.arbiter.batch..", "io.arbiter.store..",
      "io.arbiter.population..", "io.arbiter.scoring..", "io.arbiter.export.."};
  /** The rooms that each hold one heavy dependency behind an interface of the core. */
  private static final String[] IMPLEMENTATIONS = {"io.arbiter.rules.drools..", "io.arbiter.scoring.onnx..",
      "io.arbiter.store.jdbc..", "db.migration.."};
  /** Everything that assembles or serves the engine: the core never reaches into it. */
  private static final String[] OUTSIDE_CORE = {"io.arbiter.rules.drools..", "io.arbiter.scoring.onnx..",
      "io.arbiter.store.jdbc..", "db.migration..", "io.arbiter.demo..", "io.arbiter.simulate..",
      "io.arbiter.training..", "io.arbiter.openimis..", "io.arbiter.api..", "io.arbiter.fhir..",
      "io.arbiter.cli..", "io.arbiter.main..", "io.arbiter.log.."};

  @ArchTest
  static final ArchRule packages_haveNoCycles =
      slices().matching("io.arbiter.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule core_importsNoImplementationRoom = noClasses().that().resideInAnyPackage(CORE)
      .and().resideOutsideOfPackages(IMPLEMENTATIONS)
      .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_CORE);

  @ArchTest
  static final ArchRule drools_onlyInTheRulesRoom = onlyIn("io.arbiter.rules.drools..", "org.kie..", "org.drools..");

  @ArchTest
  static final ArchRule onnxRuntime_onlyInTheScoringRoom = onlyIn("io.arbiter.scoring.onnx..", "ai.onnxruntime..");

  @ArchTest
  static final ArchRule jdbcLibraries_onlyInTheStoreRoom = noClasses()
      .that().resideOutsideOfPackages("io.arbiter.store.jdbc..", "db.migration..")
      .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer..", "org.flywaydb..", "org.h2..",
          "org.postgresql..");

  /** openIMIS's own database is read through plain JDBC by its adapter: a foreign database, a door of its own. */
  @ArchTest
  static final ArchRule jdbc_onlyInTheStoreRoomAndTheOpenImisAdapter = noClasses()
      .that().resideOutsideOfPackages("io.arbiter.store.jdbc..", "db.migration..", "io.arbiter.openimis..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..");

  @ArchTest
  static final ArchRule vertx_onlyInTheServer = onlyIn("io.arbiter.api..", "io.vertx..");

  @ArchTest
  static final ArchRule hapiFhir_onlyInTheFhirRoom = onlyIn("io.arbiter.fhir..", "ca.uhn..", "org.hl7..");

  @ArchTest
  static final ArchRule tribuo_onlyInTraining = onlyIn("io.arbiter.training..", "org.tribuo..");

  @ArchTest
  static final ArchRule cli_neverImportsTheServer = noClasses().that().resideInAPackage("io.arbiter.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("io.arbiter.api..", "io.vertx..");

  @ArchTest
  static final ArchRule fhirMapping_neverImportsTheServer = noClasses().that().resideInAPackage("io.arbiter.fhir..")
      .should().dependOnClassesThat().resideInAnyPackage("io.arbiter.api..", "io.vertx..");

  /** Main classes of every module, whether read from a classes folder or a jar; no test classes, no test jars. */
  static final class MainClassesOnly implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
    }
  }

  private static ArchRule onlyIn(String room, String... library) {
    return noClasses().that().resideOutsideOfPackage(room).should().dependOnClassesThat()
        .resideInAnyPackage(library);
  }
}
