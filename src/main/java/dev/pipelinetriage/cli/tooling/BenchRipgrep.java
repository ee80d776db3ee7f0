package dev.pipelinetriage.cli.tooling;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ripgrep as the yardstick, two searches of the same log: {@code rg -c 'error|fail' FILE}, the cheapest search there
 * is, and {@code rg -c -P -f PATTERNS FILE} with the knowledge base's line regexes (PCRE2, as issue 17 measured it;
 * {@link #needPcre2()} lists the patterns ripgrep's default engine could not read). Each pattern is first compiled on
 * its own, so one that ripgrep cannot read is reported and left out instead of failing the whole set. Each search
 * reports ripgrep's CPU time besides its wall time, because the machine may be shared.
 */
record BenchRipgrep(Path executable, Path patternsFile, List<String> patterns,
        List<String> needPcre2, List<Skipped> skipped) {

    /** A knowledge-base pattern ripgrep could not compile, and ripgrep's reason. */
    record Skipped(String pattern, String reason) {
    }

    /** One timed search: wall seconds, ripgrep's CPU seconds (-1 where unknown) and the count of matching lines. */
    record Run(double seconds, double cpuSeconds, long matchingLines) {
    }

    /** What the cheapest search looks for. */
    static final String WORDS = "error|fail";

    BenchRipgrep {
        patterns = List.copyOf(patterns);
        needPcre2 = List.copyOf(needPcre2);
        skipped = List.copyOf(skipped);
    }

    /** {@code rg} on the PATH, else /usr/bin/rg, if either is executable. */
    static Optional<Path> locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "rg")),
                        Stream.of(Path.of("/usr/bin/rg")))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Checks every pattern, then writes the ones ripgrep accepts to {@code workDir/rg-patterns.txt}, one a line.
     */
    static BenchRipgrep prepare(Path executable, List<String> regexes, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path empty = workDir.resolve("rg-empty.txt");
        Files.write(empty, new byte[0]);
        var used = new ArrayList<String>();
        var defaultEngineCannot = new ArrayList<String>();
        var skipped = new ArrayList<Skipped>();
        for (String regex : regexes.stream().distinct().toList()) {
            if (regex.indexOf('\n') >= 0 || regex.indexOf('\r') >= 0) {
                skipped.add(new Skipped(regex, "a line break cannot go in a patterns file"));
                continue;
            }
            Optional<String> pcreError = compileError(executable, regex, true, empty);
            if (pcreError.isPresent()) {
                skipped.add(new Skipped(regex, pcreError.get()));
                continue;
            }
            used.add(regex);
            if (compileError(executable, regex, false, empty).isPresent()) {
                defaultEngineCannot.add(regex);
            }
        }
        Files.deleteIfExists(empty);
        Path file = workDir.resolve("rg-patterns.txt");
        Files.write(file, used, StandardCharsets.UTF_8);
        return new BenchRipgrep(executable, file, used, defaultEngineCannot, skipped);
    }

    /** The exact command line, for the report. */
    List<String> command(Path log) {
        return List.of(executable.toString(), "--no-config", "--text", "-c", "-P", "-f", patternsFile.toString(),
                log.toString());
    }

    /** The cheapest search of the same log, for scale. */
    List<String> wordsCommand(Path log) {
        return List.of(executable.toString(), "--no-config", "--text", "-c", WORDS, log.toString());
    }

    /** Times the search for the knowledge base's patterns in {@code log}. */
    Run search(Path log) throws IOException, InterruptedException {
        return run(command(log));
    }

    /** Times the search for {@value #WORDS} in {@code log}. */
    Run searchWords(Path log) throws IOException, InterruptedException {
        return run(wordsCommand(log));
    }

    /** Times one search; --text so a NUL byte does not stop the search early as "binary". */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        double cpuBefore = ChildCpu.seconds();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuBefore < 0 ? -1 : ChildCpu.seconds() - cpuBefore;
        return switch (exit) {
            case 0 -> new Run(seconds, cpu, Long.parseLong(out));
            case 1 -> new Run(seconds, cpu, 0); // ran fine, no line matched
            default -> throw new IllegalStateException("rg exited with status " + exit + ": " + String.join(" ", command));
        };
    }

    private static Optional<String> compileError(Path executable, String regex, boolean pcre2, Path empty)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(executable.toString(), "--no-config"));
        if (pcre2) {
            command.add("-P");
        }
        command.addAll(List.of("--regexp=" + regex, empty.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit <= 1) {
            return Optional.empty();
        }
        // ripgrep's message spans lines (the pattern, a caret, the error); its last line names the problem.
        List<String> lines = err.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return Optional.of(lines.isEmpty() ? "rg exited with status " + exit : lines.getLast());
    }
}
