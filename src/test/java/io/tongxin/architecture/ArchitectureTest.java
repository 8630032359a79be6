package io.tongxin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** House rules (STYLE.md) between the feature packages, checked on the compiled classes. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tongxin");
    }

    @Test
    void sharedShouldDependOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tongxin.channel..",
                        "io.tongxin.directory..",
                        "io.tongxin.inbox..",
                        "io.tongxin.outbox..",
                        "io.tongxin.opinion..",
                        "io.tongxin.security..")
                .check(classes);
    }

    @Test
    void featuresShouldBeFreeOfCycles() {
        slices().matching("io.tongxin.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void resourcesShouldNotOpenTransactions() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Path.class)
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(classes);
        noClasses()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .beAnnotatedWith(Transactional.class)
                .check(classes);
    }

    @Test
    void resourcesShouldNotExposeEntities() {
        noClasses()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Entity.class)
                .check(classes);
    }
}
