package dev.pipelinetriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Maven wrapper checks what it downloads on a machine without unzip too: it fetches the tar.gz there, and
 * checks it against the tar.gz's own SHA-256 (a fresh machine with only a JDK need not have unzip). A local server
 * serves a stand-in Maven at the path Maven Central uses.
 */
class MavenWrapperChecksumTest {

    private static final String MAVEN = "apache-maven-3.9.11";

    @TempDir
    Path dir;
    private HttpServer server;
    private byte[] distribution;

    @BeforeEach
    void serveAStandInMaven() throws Exception {
        Path unpacked = Files.createDirectories(dir.resolve("dist/" + MAVEN + "/bin"));
        Path mvn = Files.writeString(unpacked.resolve("mvn"), "#!/bin/sh\necho \"stand-in maven $*\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = dir.resolve(MAVEN + "-bin.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", dir.resolve("dist").toString(), MAVEN)
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        distribution = Files.readAllBytes(archive);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/org/apache/maven/apache-maven/3.9.11/" + MAVEN + "-bin.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, distribution.length);
            exchange.getResponseBody().write(distribution);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutUnzipTheTarGzIsDownloadedAndCheckedAgainstItsOwnSum() throws Exception {
        Run run = wrapper(sha256(distribution));

        assertThat(run.output()).contains("stand-in maven -v");
        assertThat(run.exit()).isZero();
    }

    @Test
    void withoutUnzipATarGzThatDoesNotMatchItsSumIsRefused() throws Exception {
        Run run = wrapper("0".repeat(64));

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("SHA-256").doesNotContain("stand-in maven");
    }

    private record Run(int exit, String output) {
    }

    /** Runs the project's mvnw with the shipped properties, the tar.gz's sum replaced, and no unzip on the PATH. */
    private Run wrapper(String tarGzSum) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/.mvn/wrapper")).getParent().getParent();
        Files.copy(Path.of("mvnw"), project.resolve("mvnw"));
        String properties = Files.readString(Path.of(".mvn/wrapper/maven-wrapper.properties"))
                .replaceAll("(?m)^distributionSha256SumTarGz=.*$", "distributionSha256SumTarGz=" + tarGzSum);
        assertThat(properties).contains("distributionSha256SumTarGz=" + tarGzSum);
        Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), properties);
        Path tools = Files.createDirectories(dir.resolve("tools-without-unzip"));
        for (String bin : List.of("/bin", "/usr/bin")) {
            try (var commands = Files.list(Path.of(bin))) {
                for (Path command : commands.toList()) {
                    Path link = tools.resolve(command.getFileName().toString());
                    if (!command.getFileName().toString().equals("unzip") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        ProcessBuilder builder = new ProcessBuilder("sh", project.resolve("mvnw").toString(), "-v").directory(project.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("MAVEN_USER_HOME", dir.resolve("m2").toString());
        builder.environment().put("MVNW_REPOURL", "http://127.0.0.1:" + server.getAddress().getPort());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
