package dev.pipelinetriage.cli;

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
 * ripgrep as the yardstick: {@code rg -c -f PATTERNS FILE} over the same log, with the knowledge base's line
 * regexes. Each pattern is first compiled on its own, so one that ripgrep cannot read is reported and left out
 * instead of failing the whole set; PCRE2 ({@code -P}) is used only when some pattern needs Java syntax that
 * ripgrep's default engine lacks (look-around, possessive quantifiers).
 */
record BenchRipgrep(Path executable, Path patternsFile, boolean pcre2, List<String> patterns,
        List<String> needPcre2, List<Skipped> skipped) {

    /** A knowledge-base pattern ripgrep could not compile, and ripgrep's reason. */
    record Skipped(String pattern, String reason) {
    }

    /** One timed search: wall seconds and the count of matching lines. */
    record Run(double seconds, long matchingLines) {
    }

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
        var plain = new ArrayList<String>();
        var pcreOnly = new ArrayList<String>();
        var skipped = new ArrayList<Skipped>();
        for (String regex : regexes.stream().distinct().toList()) {
            if (regex.indexOf('\n') >= 0 || regex.indexOf('\r') >= 0) {
                skipped.add(new Skipped(regex, "a line break cannot go in a patterns file"));
                continue;
            }
            Optional<String> error = compileError(executable, regex, false, empty);
            if (error.isEmpty()) {
                plain.add(regex);
                continue;
            }
            Optional<String> pcreError = compileError(executable, regex, true, empty);
            if (pcreError.isEmpty()) {
                pcreOnly.add(regex);
            } else {
                skipped.add(new Skipped(regex, pcreError.get()));
            }
        }
        boolean pcre2 = !pcreOnly.isEmpty();
        var used = new ArrayList<String>();
        for (String regex : plain) {
            // With -P the whole set goes through PCRE2, so a pattern only the default engine reads is left out too.
            if (!pcre2 || compileError(executable, regex, true, empty).isEmpty()) {
                used.add(regex);
            } else {
                skipped.add(new Skipped(regex, "compiles only without -P, and -P is needed for other patterns"));
            }
        }
        used.addAll(pcreOnly);
        Files.deleteIfExists(empty);
        Path file = workDir.resolve("rg-patterns.txt");
        Files.write(file, used, StandardCharsets.UTF_8);
        return new BenchRipgrep(executable, file, pcre2, used, pcreOnly, skipped);
    }

    /** The exact command line, for the report. */
    List<String> command(Path log) {
        var command = new ArrayList<>(List.of(executable.toString(), "--no-config", "--text", "-c"));
        if (pcre2) {
            command.add("-P");
        }
        command.addAll(List.of("-f", patternsFile.toString(), log.toString()));
        return command;
    }

    /** Times one search of {@code log}; --text so a NUL byte does not stop the search early as "binary". */
    Run search(Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(log)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        return switch (exit) {
            case 0 -> new Run(seconds, Long.parseLong(out));
            case 1 -> new Run(seconds, 0); // ran fine, no line matched
            default -> throw new IllegalStateException("rg exited with status " + exit + ": " + String.join(" ", command(log)));
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
