package dev.pipelinetriage.engine.signature;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the parts of a log line that differ between two occurrences of the same failure (URLs, hosts,
 * paths, addresses, ports, durations, versions, hex ids, numbers) with placeholder words, so that the
 * same error from another project, machine or day analyzes to the same tokens.
 *
 * <p>Shared by the search index (its analyzer) and by failure signatures, so that "the same line" means the
 * same thing to both.
 *
 * <p>Numbers right after {@code code}, {@code status}, {@code exit}, {@code http}, {@code error},
 * {@code signal} or {@code errno} are kept: "exit code 137" and "status code 503" say what went wrong.
 */
public final class Masking {

    public static final String URL = " _url_ ";
    public static final String PATH = " _path_ ";
    public static final String HOST = " _host_ ";
    public static final String IP = " _ip_ ";
    public static final String PORT = " _port_ ";
    public static final String DURATION = " _dur_ ";
    public static final String VERSION = " _ver_ ";
    public static final String HEX = " _hex_ ";
    public static final String NUMBER = " _num_ ";
    public static final String ARTIFACT = " _artifact_ ";

    /**
     * A shape and its placeholder. {@code mayMatch} is a necessary condition of the pattern (a character or text every
     * match holds), checked first because most lines fail most rules: a scan for a character costs far less than a
     * matcher's search.
     */
    private record Rule(Pattern pattern, String replacement, Predicate<String> mayMatch) {
    }

    // Order matters: wider shapes first so that, e.g., a URL is not cut into a host and a path.
    private static final List<Rule> RULES = List.of(
            rule("\\b[a-z][a-z0-9+.-]{1,15}://[^\\s'\"<>()\\[\\]{}`]+", URL, s -> s.contains("://")),
            rule("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", HEX, s -> s.indexOf('-') >= 0),
            // Maven/Gradle coordinates (group:artifact[:type]:version): which dependency failed varies by project.
            rule("\\b[a-z][\\w-]{0,60}(?:\\.[\\w-]{1,60}){0,10}:[a-z][\\w.-]{0,100}:(?:[a-z][\\w-]{0,30}:){0,2}"
                    + "\\d{1,9}(?:\\.\\d{1,9}){1,4}[\\w.+-]{0,40}", ARTIFACT, s -> s.indexOf(':') >= 0 && s.indexOf('.') >= 0),
            rule("\\[[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\\](?::\\d{1,5})?", IP, s -> s.indexOf('[') >= 0),
            rule("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b", IP, s -> s.indexOf('.') >= 0),
            rule("(?<![\\w.-])(?:[a-z]:\\\\|\\\\\\\\)[^\\s'\"<>|:*?()]+", PATH, s -> s.indexOf('\\') >= 0),
            rule("(?<![\\w:/])(?:~|\\.{1,2})?(?:/[\\w.@+%=,-]+){1,64}/?", PATH, s -> s.indexOf('/') >= 0),
            rule("\\b[\\w.@+-]+(?:/[\\w.@+-]+){1,64}/?", PATH, s -> s.indexOf('/') >= 0),
            rule("\\b(?:[a-z0-9-]{1,63}\\.){1,8}(?:com|org|net|io|dev|co|uk|de|edu|gov|cloud|app|ai|sh|me|info|local"
                    + "|internal|us|eu|fr|jp|cn|ru|nl|in|ch|at|be|se|no|fi|pl|cz|br|au|ca|tld|test|example|localhost)\\b"
                    + "(?![.-]\\w)", HOST, s -> s.indexOf('.') >= 0),
            rule("\\blocalhost\\b", HOST, s -> s.contains("localhost")),
            rule("(?<=_host_ |_ip_ ):\\d{1,5}\\b", PORT, s -> s.indexOf(':') >= 0),
            rule("\\b\\d+(?:\\.\\d+)?(?:ms|us|µs|ns|s|m|h)(?:\\d+(?:\\.\\d+)?(?:ms|us|µs|ns|s|m|h)){0,3}\\b", DURATION,
                    Masking::hasDigit),
            rule("\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?\\b", DURATION, s -> s.indexOf(':') >= 0),
            rule("\\bv?\\d+(?:\\.\\d+){1,3}(?:[-+][0-9a-z.]{1,40})?\\b", VERSION, s -> s.indexOf('.') >= 0),
            rule("\\b0x[0-9a-f]+\\b", HEX, s -> s.contains("0x")),
            rule("\\b(?=[0-9a-f]{0,63}[a-f])(?=[0-9a-f]{0,63}\\d)[0-9a-f]{7,64}\\b", HEX, Masking::hasDigit),
            rule("(?<!\\b(?:code|status|exit|http|error|signal|errno)[:=]? ?)(?<![\\w.])\\d+\\b", NUMBER, Masking::hasDigit));

    private Masking() {
    }

    private static Rule rule(String regex, String replacement, Predicate<String> mayMatch) {
        return new Rule(Pattern.compile(regex), Matcher.quoteReplacement(replacement), mayMatch);
    }

    /** {@code \\d} without UNICODE_CHARACTER_CLASS: ASCII digits only. */
    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** The line, lower-cased, with variable parts replaced by placeholder words. */
    public static String mask(String line) {
        return mask(line, true);
    }

    /** With {@code shortcuts} false every rule's regex runs: the reference a test holds the shortcuts to. */
    static String mask(String line, boolean shortcuts) {
        String masked = line.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (!shortcuts || rule.mayMatch().test(masked)) {
                masked = rule.pattern().matcher(masked).replaceAll(rule.replacement());
            }
        }
        return masked;
    }
}
