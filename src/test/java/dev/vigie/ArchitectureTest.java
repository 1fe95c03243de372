package dev.vigie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vertx.core.Deployable;

/**
 * The import rule of docs/architecture.md: areas talk over the event bus only, import nothing but the shared
 * packages, and only the launcher (the root package) wires them together.
 */
@AnalyzeClasses(packages = "dev.vigie", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** Areas: one verticle each, never importing one another. */
  static final String[] AREAS = {"cache", "download", "upstream", "quality", "probe", "stress", "monitor", "web", "demo", "store", "notify", "coverage", "cluster"};
  /** Shared vocabulary every area may import: the bus contract, Binance Vision names, configuration, meters, logging. */
  static final String[] SHARED = {"dev.vigie.bus..", "dev.vigie.vision..", "dev.vigie.config..", "dev.vigie.meters..",
      "dev.vigie.logging.."};

  @ArchTest
  static final ArchRule onlyTheLauncherWiresAreas = areaLayers();

  @ArchTest
  static final ArchRule packagesFormNoCycle = slices().matching("dev.vigie.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule sharedPackagesKnowNoArea = noClasses().that().resideInAnyPackage(SHARED)
      .should().dependOnClassesThat().resideInAnyPackage(areaPackages())
      .orShould().dependOnClassesThat().resideInAPackage("dev.vigie");

  @ArchTest
  static final ArchRule verticlesLiveInAreas = classes().that().implement(Deployable.class)
      .should().resideInAnyPackage(areaPackages()).orShould().resideInAPackage("dev.vigie")
      .andShould().haveSimpleNameEndingWith("Verticle");

  private static ArchRule areaLayers() {
    var layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("launcher").definedBy("dev.vigie")
        .layer("shared").definedBy(SHARED);
    for (String area : AREAS) {
      layers = layers.layer(area).definedBy("dev.vigie." + area + "..");
    }
    var rule = layers.whereLayer("launcher").mayNotBeAccessedByAnyLayer();
    for (String area : AREAS) {
      rule = rule.whereLayer(area).mayOnlyBeAccessedByLayers("launcher");
    }
    return rule;
  }

  private static String[] areaPackages() {
    String[] packages = new String[AREAS.length];
    for (int i = 0; i < AREAS.length; i++) {
      packages[i] = "dev.vigie." + AREAS[i] + "..";
    }
    return packages;
  }
}
