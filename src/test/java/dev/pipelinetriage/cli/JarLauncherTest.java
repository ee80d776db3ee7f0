package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The jar's entry point: loadable by any Java, and on one older than 21 it says what to do. */
class JarLauncherTest {

    @Test
    void itIsCompiledForJava8SoThatAnOldJavaCanLoadItAndReadItsMessage() throws Exception {
        try (InputStream in = JarLauncher.class.getResourceAsStream("JarLauncher.class");
                DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            assertThat(data.readUnsignedShort()).as("class file major version (52 = Java 8)").isEqualTo(52);
        }
    }

    @Test
    void itReadsTheFeatureReleaseOfOldAndNewVersionStrings() {
        assertThat(JarLauncher.feature("1.8")).isEqualTo(8);
        assertThat(JarLauncher.feature("17")).isEqualTo(17);
        assertThat(JarLauncher.feature("25")).isEqualTo(25);
        assertThat(JarLauncher.feature("")).isZero();
    }

    @Test
    void theMessageNamesTheJavaFoundAndTheTwoWaysOut() {
        String message = JarLauncher.tooOld(17, "/usr/lib/jvm/java-17-openjdk-amd64");

        assertThat(message).startsWith("pipeline-triage needs Java 21 or newer, but this is Java 17 "
                + "(/usr/lib/jvm/java-17-openjdk-amd64).").contains("./pipeline-triage").contains("/bin/java -jar");
    }

    @Test
    void itAsksForTheReleaseTheRestOfTheJarIsCompiledFor() throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));

        assertThat(pom).contains("<maven.compiler.release>" + JarLauncher.REQUIRED + "</maven.compiler.release>")
                .contains("<main.class>dev.pipelinetriage.cli.JarLauncher</main.class>");
    }
}
