package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} prints the version the project is built as, the one in pom.xml. */
class VersionTest {

    private static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>pipeline-triage</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void versionPrintsTheProjectVersionFromThePom() throws Exception {
        StringWriter out = new StringWriter();

        int status = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--version");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo("pipeline-triage " + pomVersion());
    }
}
