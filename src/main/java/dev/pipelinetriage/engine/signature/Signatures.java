package dev.pipelinetriage.engine.signature;

import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.TriageReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signatures of triaged failures. A known error's id is the best signature there is: curated, stable, shared
 * by every log it matches. Without one, the key error line is masked ({@link Masking}) so that the same failure
 * on another run, machine or day gives the same fingerprint, and hashed to a short, label-safe key.
 */
public final class Signatures {
    private static final Pattern ERROR_WORDS = Pattern.compile(
            "error|fail|exception|fatal|panic|denied|refused|timed out|timeout|cannot|could not|unable|killed|oom");
    /** Log normalizing usually strips them, but a tool may print its own; the search masking leaves dates alone. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}(?:[t ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDERS = Pattern.compile("\\s+");
    private static final int MAX_SUMMARY = 200;

    private Signatures() {
    }

    /** The report's signature; empty when there is neither a match nor a line to fingerprint. */
    public static Optional<Signature> of(TriageReport report) {
        if (report.match() != null) {
            var known = report.match().knownError();
            return Optional.of(new Signature("ke-" + known.id(), known.title(), report.verdict()));
        }
        return keyLine(report.excerpt()).map(line -> {
            String masked = normalize(line);
            return new Signature("fp-" + hash(masked), abbreviate(masked), report.verdict());
        });
    }

    /** The line that names the failure: the first that says so in words, else the last one shown. */
    public static Optional<String> keyLine(List<RedactedLine> excerpt) {
        String last = null;
        for (RedactedLine line : excerpt) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (ERROR_WORDS.matcher(text.toLowerCase(Locale.ROOT)).find()) {
                return Optional.of(text);
            }
            last = text;
        }
        return Optional.ofNullable(last);
    }

    /** The masked line with whitespace collapsed: what two occurrences must share to be one problem. */
    public static String normalize(String line) {
        String withoutTimes = TIMESTAMP.matcher(line).replaceAll(" _time_ ");
        return PLACEHOLDERS.matcher(Masking.mask(withoutTimes)).replaceAll(" ").strip();
    }

    private static String hash(String masked) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(masked.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 3) + "...";
    }
}
