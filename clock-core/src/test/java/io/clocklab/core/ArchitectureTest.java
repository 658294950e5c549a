package io.clocklab.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The packages' imports form a tree: a change that adds a cycle fails here, naming the classes. */
@AnalyzeClasses(packages = "io.clocklab.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormATree = slices().matching("io.clocklab.core.(*)..").should().beFreeOfCycles();

    /** clock-core is plain Java: the services adapt it to Spring, never the other way round. */
    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("clock-core is plain Java, used by the VM, the coordinator and the CLI alike");
}
