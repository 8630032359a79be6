package io.tongxin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.shared.PageRequest;
import jakarta.persistence.Entity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.function.BiPredicate;
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
                        "io.tongxin.dialogue..",
                        "io.tongxin.directory..",
                        "io.tongxin.event..",
                        "io.tongxin.inbox..",
                        "io.tongxin.media..",
                        "io.tongxin.outbox..",
                        "io.tongxin.opinion..",
                        "io.tongxin.report..",
                        "io.tongxin.dashboard..",
                        "io.tongxin.security..")
                .check(classes);
    }

    /**
     * The organizer dashboard is a read-only face over the reports and the read APIs of opinion,
     * event, directory and security (who is logged in): it never reaches the message machinery, and
     * nothing depends on it.
     */
    @Test
    void dashboardShouldOnlyReadReportsAndFeatures() {
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tongxin.channel..",
                        "io.tongxin.dialogue..",
                        "io.tongxin.inbox..",
                        "io.tongxin.media..",
                        "io.tongxin.outbox..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.tongxin.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tongxin.dashboard..")
                .check(classes);
    }

    /**
     * The reports read the other features' tables in SQL (opinion, event, outbox, directory, channel)
     * and use, of their Java, only shared, security (who is asking) and the event settings (the
     * certificate share); nothing depends on the reports but the dashboard.
     */
    @Test
    void reportShouldReadTablesNotFeatures() {
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tongxin.channel..",
                        "io.tongxin.dialogue..",
                        "io.tongxin.directory..",
                        "io.tongxin.inbox..",
                        "io.tongxin.media..",
                        "io.tongxin.outbox..",
                        "io.tongxin.opinion..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.report..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are event classes other than EventConfig",
                        (JavaClass c) -> c.getPackageName().startsWith("io.tongxin.event")
                                && !c.getName().matches("io\\.tongxin\\.event\\.EventConfig(\\$.*)?")))
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.tongxin.report..", "io.tongxin.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tongxin.report..")
                .check(classes);
    }

    /**
     * The media room (residents' photos, voice, locations) sits between the inbox and the opinions: it
     * uses shared, the channel (references, crypto), the inbox (it is an InboundHandler) and, of the
     * outbox, only the platforms' shared access tokens and HTTP helpers, and the {@code OutboundImages}
     * it implements (the photos notices carry); opinion depends on it, never
     * the reverse (opinion implements its {@code ChatReports}).
     */
    @Test
    void mediaShouldUseOnlySharedChannelInboxAndThePlatformTokens() {
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.media..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tongxin.opinion..",
                        "io.tongxin.dialogue..",
                        "io.tongxin.event..",
                        "io.tongxin.directory..",
                        "io.tongxin.security..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.media..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are outbox classes other than the senders' PlatformTokens, AccessTokens, PlatformHttp"
                                + " and SendingChannel, and the OutboundImages it implements",
                        (JavaClass c) -> c.getPackageName().startsWith("io.tongxin.outbox")
                                && !c.getName()
                                        .matches("io\\.tongxin\\.outbox\\.(senders\\.(PlatformTokens|AccessTokens"
                                                + "|PlatformHttp|SendingChannel)|OutboundImages)(\\$.*)?")))
                .check(classes);
    }

    /** The bot engine knows no feature: features bring their actions (and wording) to it, never the reverse. */
    @Test
    void dialogueShouldKnowNoFeatureItServes() {
        noClasses()
                .that()
                .resideInAPackage("io.tongxin.dialogue..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tongxin.opinion..", "io.tongxin.event..", "io.tongxin.outbox..")
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

    /** An entity (its fields, its queries, its secrets) is used only inside its own top-level feature package. */
    @Test
    void entitiesShouldNotLeaveTheirFeature() {
        classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .should(onlyBeUsedBy(
                        "classes of their own feature",
                        (entity, user) -> feature(user).equals(feature(entity))))
                .check(classes);
    }

    /**
     * Web types never enter services: request beans ({@code PageRequest}, the {@code *Filter} bean
     * params, anything with {@code @QueryParam}-style fields) are used only by {@code @Path} resources,
     * which hand services plain records ({@code Paging}, a service's {@code Filter}).
     */
    @Test
    void webRequestBeansShouldOnlyBeUsedByResources() {
        classes()
                .that(REQUEST_BEANS)
                .should(onlyBeUsedBy(
                        "@Path resources", (bean, user) -> user.isAnnotatedWith(Path.class) || sameClass(bean, user)))
                .check(classes);
    }

    /**
     * A channel's secrets reach only the code that signs or decrypts: the channel feature's adapters,
     * the webhook that hands them to the adapter, the outbox senders (through the dispatcher), and the
     * media fetch (tokens for the media API, the EncodingAESKey that decrypts a robot's image). Every
     * other feature reads {@code ChannelInfo}.
     */
    @Test
    void channelSecretsShouldOnlyReachAdaptersAndSenders() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.tongxin.channel..", "io.tongxin.outbox.senders..")
                .and()
                .haveNameNotMatching("io\\.tongxin\\.(inbox\\.WebhookService|outbox\\.OutboxDispatcher"
                        + "|media\\.FetchInboundMedia|media\\.MediaDownloads)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(ChannelSecrets.class, ChannelCredentials.class)
                .check(classes);
    }

    private static final List<Class<? extends java.lang.annotation.Annotation>> REQUEST_PARAMS = List.of(
            QueryParam.class,
            PathParam.class,
            HeaderParam.class,
            FormParam.class,
            CookieParam.class,
            MatrixParam.class,
            BeanParam.class);

    private static final DescribedPredicate<JavaClass> REQUEST_BEANS = DescribedPredicate.describe(
            "are web request beans (PageRequest or classes with @QueryParam-style fields)",
            c -> c.isEquivalentTo(PageRequest.class)
                    || c.getAllFields().stream()
                            .anyMatch(f -> REQUEST_PARAMS.stream().anyMatch(f::isAnnotatedWith)));

    /** The feature a class belongs to: the package segment after {@code io.tongxin}. */
    private static String feature(JavaClass c) {
        String rest = c.getPackageName().replaceFirst("^io\\.tongxin\\.?", "");
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean sameClass(JavaClass a, JavaClass b) {
        return b.equals(a) || b.getName().startsWith(a.getName() + "$");
    }

    private static ArchCondition<JavaClass> onlyBeUsedBy(String who, BiPredicate<JavaClass, JavaClass> allowed) {
        return new ArchCondition<>("only be used by " + who) {
            @Override
            public void check(JavaClass used, ConditionEvents events) {
                for (Dependency d : used.getDirectDependenciesToSelf()) {
                    if (!allowed.test(used, d.getOriginClass())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
