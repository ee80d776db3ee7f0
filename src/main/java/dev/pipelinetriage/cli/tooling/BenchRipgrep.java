package dev.pipelinetriage.cli.tooling;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ripgrep as the yardstick, two searches of the same log: {@code rg -c 'error|fail' FILE}, the cheapest search there
 * is, and {@code rg -c -P -f PATTERNS FILE} with the knowledge base's line regexes (PCRE2, as issue 17 measured it;
 * {@link #needPcre2()} lists the patterns ripgrep's default engine could not read). Patterns are first compiled (as a
 * set, halved where it fails), so one that ripgrep cannot read is reported and left out instead of failing the
 * search. Each search reports ripgrep's CPU time besides its wall time, because the machine may be shared.
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
     * Patterns are compiled as a set, and a set that fails is halved until the culprits are found: a few dozen rg
     * runs for a knowledge base of hundreds, instead of two per pattern.
     */
    static BenchRipgrep prepare(Path executable, List<String> regexes, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path empty = workDir.resolve("rg-empty.txt");
        Files.write(empty, new byte[0]);
        var skipped = new ArrayList<Skipped>();
        var candidates = new ArrayList<String>();
        for (String regex : regexes.stream().distinct().toList()) {
            if (regex.indexOf('\n') >= 0 || regex.indexOf('\r') >= 0) {
                skipped.add(new Skipped(regex, "a line break cannot go in a patterns file"));
            } else {
                candidates.add(regex);
            }
        }
        var compiler = new Compiler(executable, empty, workDir.resolve("rg-check.txt"));
        var pcreErrors = new LinkedHashMap<String, String>();
        compiler.failing(candidates, true, pcreErrors);
        List<String> used = candidates.stream().filter(regex -> !pcreErrors.containsKey(regex)).toList();
        pcreErrors.forEach((regex, reason) -> skipped.add(new Skipped(regex, reason)));
        var defaultErrors = new LinkedHashMap<String, String>();
        compiler.failing(used, false, defaultErrors);
        Files.deleteIfExists(empty);
        Files.deleteIfExists(workDir.resolve("rg-check.txt"));
        Path file = workDir.resolve("rg-patterns.txt");
        Files.write(file, used, StandardCharsets.UTF_8);
        return new BenchRipgrep(executable, file, used, List.copyOf(defaultErrors.keySet()), skipped);
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

    /** Compiles pattern sets with rg against an empty file. */
    private record Compiler(Path executable, Path empty, Path patternsFile) {

        /** Puts in {@code errors} each of {@code regexes} that rg cannot compile (with -P when {@code pcre2}). */
        void failing(List<String> regexes, boolean pcre2, Map<String, String> errors)
                throws IOException, InterruptedException {
            if (regexes.isEmpty()) {
                return;
            }
            Optional<String> error = compileError(regexes, pcre2);
            if (error.isEmpty()) {
                return;
            }
            if (regexes.size() == 1) {
                errors.put(regexes.getFirst(), error.get());
                return;
            }
            int half = regexes.size() / 2;
            failing(regexes.subList(0, half), pcre2, errors);
            failing(regexes.subList(half, regexes.size()), pcre2, errors);
        }

        private Optional<String> compileError(List<String> regexes, boolean pcre2) throws IOException, InterruptedException {
            Files.write(patternsFile, regexes, StandardCharsets.UTF_8);
            var command = new ArrayList<>(List.of(executable.toString(), "--no-config"));
            if (pcre2) {
                command.add("-P");
            }
            command.addAll(List.of("-f", patternsFile.toString(), empty.toString()));
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
}
