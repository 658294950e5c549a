package io.clocklab.report;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** clock-report's packages form a tree, it is plain Java, and it knows nothing of the services that use it. */
@AnalyzeClasses(packages = "io.clocklab.report", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** One package today (io.clocklab.report); the rule is here for the day it is split. */
    @ArchTest
    static final ArchRule packagesFormATree = slices().matching("io.clocklab.report.(*)..").should().beFreeOfCycles().allowEmptyShould(true);

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("clock-report is plain Java, used by the coordinator and the CLI alike");

    @ArchTest
    static final ArchRule noServices = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.clocklab.coordinator..", "io.clocklab.vm..", "io.clocklab.web..")
            .because("the report depends only on clock-core: the services use it, not the other way round");
}
