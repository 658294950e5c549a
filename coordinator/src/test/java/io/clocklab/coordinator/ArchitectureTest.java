package io.clocklab.coordinator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The packages' imports form a tree: a change that adds a cycle fails here, naming the classes. */
@AnalyzeClasses(packages = "io.clocklab.coordinator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormATree = slices().matching("io.clocklab.coordinator.(*)..").should().beFreeOfCycles();
}
