package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

    private static final Path SAMPLE = Path.of("src/main/resources/samples/github-actions-maven-network.log");

    record Result(int exit, String out, String err) {
    }

    private static Result analyze(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertOneClearLine(Result result, String expected) {
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).contains(expected).doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void aGzipLogIsDecompressedAndTriagedLikeThePlainOne(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("build.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SAMPLE, out);
        }

        Result plain = analyze("--json", SAMPLE.toString());
        Result compressed = analyze("--json", gz.toString());

        assertThat(compressed.exit()).as(compressed.err()).isZero();
        assertThat(compressed.out()).isEqualTo(plain.out());
    }

    @Test
    void aDamagedGzipLogIsOneClearLine(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("build.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SAMPLE, out);
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertOneClearLine(analyze(gz.toString()), "cannot read log file " + gz + ": not a readable gzip file");
    }

    @Test
    void aZipArchiveIsOneClearLineNotAnExcerptOfCompressedBytes(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("logs_30433642.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("test/1_Run tests.txt"));
            Files.copy(SAMPLE, out);
        }

        assertOneClearLine(analyze(zip.toString()), "cannot read log file " + zip + ": a zip archive, not a log: unpack it");
    }

    @Test
    void aDirectoryIsSaidToBeADirectory(@TempDir Path dir) {
        assertOneClearLine(analyze(dir.toString()), dir + " is a directory, not a log file");
    }

    @Test
    void aSymlinkLoopIsOneClearLine(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);

        assertOneClearLine(analyze(a.toString()), "cannot read log file " + a + ": ");
    }

    @Test
    void aReadErrorIsOneClearLine() {
        Path unreadable = Path.of("/proc/self/mem"); // opens, then fails with EIO on the first read
        assumeTrue(Files.isReadable(unreadable), "/proc/self/mem is not readable here (not Linux, or a restricted sandbox)");

        assertOneClearLine(analyze(unreadable.toString()), "cannot read log file /proc/self/mem: ");
    }

    @Test
    void aMissingFileIsStillSaidToBeMissing() {
        assertOneClearLine(analyze("no/such/build.log"), "no such log file: no/such/build.log");
    }

    @Test
    void aByteOrderMarkHidesNeitherTheFirstTimestampNorTheStep(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("bom.log");
        Files.write(log, ("\uFEFF2026-05-04T09:12:33.4567890Z ##[group]Run make test\n"
                + "2026-05-04T09:12:34.4567890Z make: *** [Makefile:12: test] Error 2\n"
                + "2026-05-04T09:12:35.4567890Z ##[error]Process completed with exit code 2.\n")
                .getBytes(StandardCharsets.UTF_8));

        Result result = analyze("--json", log.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"failedStep\" : \"Run make test\"").doesNotContain("\uFEFF")
                .doesNotContain("2026-05-04T09:12:33");
    }
}
