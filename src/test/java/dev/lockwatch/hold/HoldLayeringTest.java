package dev.lockwatch.hold;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What package-info promises: the 2026.8+ model and judges never open a database and know no window or CLI. */
@AnalyzeClasses(packages = "dev.lockwatch.hold", importOptions = ImportOption.DoNotIncludeTests.class)
class HoldLayeringTest {
    @ArchTest
    static final ArchRule neverSqlite = noClasses().that().resideInAPackage("dev.lockwatch.hold..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "dev.lockwatch.sqlite..")
            .because("only dev.lockwatch.sqlite reads OpenClaw's databases; the judges get rows");

    @ArchTest
    static final ArchRule onlyLockProcessGateway = noClasses().that().resideInAPackage("dev.lockwatch.hold..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.lockwatch.ui..", "dev.lockwatch.app..",
                    "dev.lockwatch.cli..", "dev.lockwatch.watch..", "dev.lockwatch.clean..", "dev.lockwatch.restart..");
}
