package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** pom.xml read as XML: what the build promises about its dependencies and the JDK it needs. */
class BuildFileTest {
    private static Element project;

    @BeforeAll
    static void parse() throws Exception {
        project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
    }

    private static List<Element> dependencies() {
        List<Element> found = new ArrayList<>();
        NodeList all = project.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getParentNode().getParentNode() == project) { // project/dependencies, not dependencyManagement
                found.add(e);
            }
        }
        return found;
    }

    private static String child(Element e, String name) {
        NodeList nodes = e.getElementsByTagName(name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    @Test
    void everySlackArtifactIsOnTheOneSlackVersionProperty() {
        List<Element> slack = dependencies().stream().filter(d -> child(d, "groupId").equals("com.slack.api")).toList();

        assertThat(slack).extracting(d -> child(d, "artifactId")).contains("bolt", "bolt-socket-mode");
        assertThat(slack).allSatisfy(d -> assertThat(child(d, "version")).as(child(d, "artifactId"))
                .isEqualTo("${slack.version}"));
    }

    @Test
    void noLuceneModuleIsDeclaredThatTheCodeDoesNotImport() throws Exception {
        List<String> lucene = dependencies().stream().filter(d -> child(d, "groupId").equals("org.apache.lucene"))
                .map(d -> child(d, "artifactId")).toList();
        String sources;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            sources = String.join("\n", files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }

        assertThat(lucene).doesNotContain("lucene-queryparser");
        assertThat(sources).doesNotContain("org.apache.lucene.queryparser");
    }

    @Test
    void mavenStopsAtOnceOnAJdkOlderThan21WithAMessageSayingWhatToRun() {
        NodeList rules = project.getElementsByTagName("requireJavaVersion");

        assertThat(rules.getLength()).isEqualTo(1);
        Element rule = (Element) rules.item(0);
        assertThat(child(rule, "version")).isEqualTo("[21,)");
        assertThat(child(rule, "message")).contains("./pipeline-triage test").contains("JAVA_HOME");
    }
}
