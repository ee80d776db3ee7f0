package dev.pipelinetriage.app;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cluster key of a failure line: the line with what varies between occurrences masked (URLs, paths,
 * hex ids, numbers, quoted names), so the same failure on two runs or two projects groups together, the way
 * LUCI Analysis clusters failure reasons.
 */
final class FailureSignature {

    private static final int MAX_LENGTH = 160;
    private static final Pattern URL = Pattern.compile("\\b[a-z][a-z0-9+.-]{1,10}://[^\\s)\\]'\"<>]+");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[\\\\/][\\w.@+-]+){2,}[\\\\/]?");
    private static final Pattern HEX = Pattern.compile("\\b(?:0x)?[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b|\\b[0-9a-fA-F]{7,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.:,]\\d+)*");
    private static final Pattern QUOTED = Pattern.compile("(['\"`‘’])[^'\"`‘’\\s]{1,80}\\1|‘[^’]{1,80}’");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private FailureSignature() {
    }

    /** The masked, whitespace-collapsed form of a line, at most {@value #MAX_LENGTH} characters. */
    static String of(String line) {
        String s = URL.matcher(line).replaceAll("<url>");
        s = PATH.matcher(s).replaceAll("<path>");
        s = QUOTED.matcher(s).replaceAll("<name>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH);
    }

    /** True for a line that only says the job failed, which explains nothing and would merge every failure. */
    static boolean isGeneric(String signature) {
        String s = signature.toLowerCase(Locale.ROOT);
        return s.startsWith("error: job failed") || s.startsWith("done. your build exited with")
                || s.startsWith("the command ") && s.contains(" exited with ")
                || s.startsWith("process completed with exit code") || s.startsWith("finished: failure")
                || s.startsWith("error: script returned exit code") || s.startsWith("##[error]process completed")
                || s.startsWith("process exited with status") || s.startsWith("cleaning up ") || s.startsWith("job succeeded");
    }
}
