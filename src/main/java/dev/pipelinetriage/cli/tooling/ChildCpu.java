package dev.pipelinetriage.cli.tooling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this process's finished children (user plus system), from {@code /proc/self/stat}: a child's CPU time
 * is added there once it has been waited for, which {@link Process#waitFor()} does. Read before and after one child
 * to get that child's CPU time.
 */
final class ChildCpu {

    /** Clock ticks per second of /proc's times; 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ChildCpu() {
    }

    /** The children's CPU seconds so far, or -1 where /proc is not there. */
    static double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 16 and 17 of the whole line (cutime, cstime) are 14 and 15 after the name and state.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
