package dev.lockwatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering the package names promise. */
@AnalyzeClasses(packages = "dev.lockwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule javafxOnlyInUiAndApp = noClasses()
            .that().resideOutsideOfPackages("dev.lockwatch.ui..", "dev.lockwatch.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("only the ui and app layers may touch JavaFX; the engine, watcher and CLI run without a toolkit");

    @ArchTest
    static final ArchRule onlyOneClassTouchesJnrPosix = classes()
            .that().resideInAnyPackage("dev.lockwatch..")
            .and().doNotHaveSimpleName("Signaller")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("jnr..")
            .because("kill(2) lives in one guarded class that refuses pid <= 0");

    @ArchTest
    static final ArchRule onlySignallerCallsKill = noClasses()
            .that().resideInAnyPackage("dev.lockwatch..")
            .and().doNotHaveSimpleName("Signaller")
            .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("kill")))
            .because("every signal goes through Signaller's guard");

    @ArchTest
    static final ArchRule engineDoesNotKnowTheCli = noClasses()
            .that().resideInAnyPackage("dev.lockwatch.lock..", "dev.lockwatch.process..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lockwatch.cli..", "dev.lockwatch.ui..", "dev.lockwatch.app..");

    @ArchTest
    static final ArchRule onlyOnePackageOpensSqlite = noClasses()
            .that().resideOutsideOfPackage("dev.lockwatch.sqlite")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("OpenClaw's databases are opened in one place, read-only, by the rules of openclaw-sqlite-era.md");

    @ArchTest
    static final ArchRule judgesAndSourcesDoNotKnowTheFrontEnds = noClasses()
            .that().resideInAnyPackage("dev.lockwatch.hold..", "dev.lockwatch.source..", "dev.lockwatch.sqlite..", "dev.lockwatch.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lockwatch.cli..", "dev.lockwatch.ui..", "dev.lockwatch.app..");
}
