package dev.pipelinetriage.cli;

import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.cli.options.KnowledgeBaseOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: triage the sample logs bundled in the jar -- no credentials, no servers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Triage the sample logs bundled with pipeline-triage (no credentials or servers needed).")
final class DemoCommand implements Callable<Integer> {

    static final List<String> SAMPLES = List.of(
            "samples/github-actions-maven-network.log",
            "samples/gitlab-rust-compile-error.log");

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var triage = Bootstrap.triageService(knowledgeBase.directory(), spec.commandLine().getErr());
        if (triage.isEmpty()) {
            return 3;
        }
        for (String sample : SAMPLES) {
            out.println("=== " + sample + " ===");
            try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(sample)) {
                if (in == null) {
                    throw new IllegalStateException("sample " + sample + " is missing from the jar");
                }
                TextReport.print(triage.get().analyze(in, 30, false), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
        return 0;
    }
}
