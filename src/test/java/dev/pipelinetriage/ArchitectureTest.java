package dev.pipelinetriage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import dev.pipelinetriage.app.KnowledgeBaseProposals;
import dev.pipelinetriage.app.RerunService;
import dev.pipelinetriage.app.TicketFiler;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.chat.ChatPlatform;
import dev.pipelinetriage.chat.ChatPlatforms;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.MeteredSurface;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RedactedText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the dependency directions of docs/architecture.md honest: data moves one way, adapters never meet. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The project's classes are a folder; no jar holds any, so none needs opening.
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.pipelinetriage");
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..domain..", "java..")
                .check(classes);
    }

    @Test
    void theEngineDependsOnlyOnTheDomainTheJdkAndItsRegexEngine() {
        noClasses().that().resideInAPackage("..engine..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..domain..", "..engine..", "java..",
                        // a regular-expression engine, pure functions like java.util.regex (docs/matching.md)
                        "com.google.re2j..")
                .check(classes);
    }

    @Test
    void useCasesNeverSeeAnAdapterOrAnSdk() {
        noClasses().that().resideInAPackage("dev.pipelinetriage.app..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "..adapter..", "..cli..", "..boot..", "com.slack..", "com.microsoft..", "okhttp3..",
                        "org.apache.lucene..", "com.fasterxml..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void theConversationLayerSeesOnlyTheCoreNeverAnAdapterOrTheCompositionRoot() {
        classes().that().resideInAPackage("dev.pipelinetriage.chat..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pipelinetriage.chat..",
                        "dev.pipelinetriage.app..", "dev.pipelinetriage.engine..", "dev.pipelinetriage.domain..",
                        "java..", "org.slf4j..",
                        // the state a card carries in its buttons is written as JSON (CardCodec)
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void sharedNetworkingDependsOnlyOnTheJdkAndOkHttp() {
        classes().that().resideInAPackage("dev.pipelinetriage.net..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pipelinetriage.net..", "java..", "javax.net..", "okhttp3..")
                .check(classes);
    }

    @Test
    void onlyAdaptersAndTheCompositionRootUseSharedNetworking() {
        noClasses().that().resideInAnyPackage("..domain..", "..engine..", "dev.pipelinetriage.app..", "..chat..")
                .should().dependOnClassesThat().resideInAPackage("dev.pipelinetriage.net..")
                .check(classes);
    }

    @Test
    void theLayersFormNoCycle() {
        slices().matching("dev.pipelinetriage.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void noPackageIsPartOfACycle() {
        slices().matching("dev.pipelinetriage.(**)").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        slices().matching("dev.pipelinetriage.adapter.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingButBootAndCliSeesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("..boot..", "..cli..")
                .should().dependOnClassesThat().resideInAnyPackage("..boot..", "..cli..")
                .check(classes);
    }

    @Test
    void onlyTheSearchAdapterImportsLucene() {
        noClasses().that().resideOutsideOfPackage("..adapter.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(classes);
    }

    @Test
    void onlyTheRedactorMakesTheTextThatLeavesTheProcess() {
        noClasses().that().resideOutsideOfPackage("..engine.redact..")
                .should().callConstructor(RedactedLine.class, int.class, String.class)
                .orShould().callConstructor(RedactedText.class, String.class)
                .because("a report, card, ticket or stored signature is built from these types, so none can skip "
                        + "redaction (docs/redaction.md)")
                .check(classes);
    }

    /**
     * The calls that change another system, each allowed from the one use case that authorizes and audits it. A new
     * caller (a chat handler calling the CI itself, say) fails here before it can skip either.
     */
    @Test
    void everySideEffectOnAnotherSystemGoesThroughTheUseCaseThatAuthorizesAndAuditsIt() {
        sideEffect(CiProvider.class, "rerun", RerunService.class);
        sideEffect(TicketTracker.class, "create", TicketFiler.class);
        sideEffect(TicketTracker.class, "comment", TicketFiler.class);
        sideEffect(TicketTracker.class, "reopen", TicketFiler.class);
        sideEffect(KnowledgeBaseRepository.class, "open", KnowledgeBaseProposals.class);
    }

    private static void sideEffect(Class<?> port, String method, Class<?> onlyCaller) {
        noClasses().that().doNotHaveFullyQualifiedName(onlyCaller.getName())
                .and().doNotImplement(port)
                .should().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name(method))
                        .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                                JavaClass.Predicates.assignableTo(port)))))
                .because(port.getSimpleName() + "." + method + " acts on another system; only "
                        + onlyCaller.getSimpleName() + " calls it, once authorized, audited and claimed against duplicates")
                .check(classes);
    }

    @Test
    void everyChatSurfaceIsMeteredByTheRegistryAndNowhereElse() {
        noClasses().that().doNotHaveFullyQualifiedName(ChatPlatforms.class.getName())
                .should().callConstructor(MeteredSurface.class, ChatSurface.class, TriageMetrics.class, String.class)
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("surface"))
                        .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                                JavaClass.Predicates.assignableTo(ChatPlatform.class)))))
                .because("a platform's surface reaches handlers, webhook cards and the digest only through "
                        + "ChatPlatforms, which meters it once, so nothing posts uncounted (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void theEvaluationAndBenchmarkToolingIsReachedOnlyFromTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("..cli.tooling..").and().doNotHaveFullyQualifiedName(
                        "dev.pipelinetriage.cli.Main")
                .should().dependOnClassesThat().resideInAPackage("..cli.tooling..")
                .because("eval and bench measure the product; nothing the product runs may need them")
                .check(classes);
    }
}
