package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.TriageReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What groups recurrences of a failure: the known error's id when one matched, otherwise a fingerprint of the
 * key error line with the parts that change between runs (numbers, hex ids, paths, durations) masked, as
 * LUCI Analysis and Treeherder do.
 */
public final class Signatures {
    private static final int MAX_LINE = 200;
    private static final Pattern ERRORISH = Pattern.compile("(?i)error|fail|exception|fatal|denied|timed? ?out|refused");
    private static final Pattern UUID = Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern HEX = Pattern.compile("(?i)\\b(?=[0-9a-f]*[0-9])[0-9a-f]{7,}\\b");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][\\w.@+-]+){2,}[/\\\\]?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Signatures() {
    }

    public static String of(TriageReport report) {
        if (report.match() != null) {
            return "kb:" + report.match().knownError().id();
        }
        return "fp:" + hash(keyLine(report));
    }

    /** The normalized key error line: the first excerpt line that reads like an error, else the first line. */
    public static String keyLine(TriageReport report) {
        List<LogLine> excerpt = report.excerpt();
        String line = excerpt.stream().map(LogLine::text).filter(t -> ERRORISH.matcher(t).find()).findFirst()
                .orElse(excerpt.isEmpty() ? "" : excerpt.getFirst().text());
        return normalize(line);
    }

    static String normalize(String line) {
        String s = UUID.matcher(line).replaceAll("<id>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = PATH.matcher(s).replaceAll("<path>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
