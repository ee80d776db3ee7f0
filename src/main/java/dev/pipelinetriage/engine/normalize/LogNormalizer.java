package dev.pipelinetriage.engine.normalize;

import dev.pipelinetriage.domain.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw job-log bytes into clean lines while keeping the original 1-based line numbers.
 *
 * <p>Streams: memory is bounded by the line cap, never by the log size. Handles ANSI and other control
 * codes, carriage-return progress overwrites and CR-only logs, GitHub Actions timestamps and workflow markers,
 * GitLab section markers, Travis fold and timing markers, Jenkins {@code [Pipeline]} noise, invalid UTF-8
 * (decoded lossily), NUL bytes and over-long lines (head and tail kept around a marked cut, after a caller's
 * per-line step such as redaction has seen the whole line).
 */
public final class LogNormalizer {

    /** Default cap on one line's length in characters; longer lines keep head and tail around a marked cut. */
    public static final int DEFAULT_MAX_LINE_CHARS = 4096;

    /**
     * GitHub Actions prefixes every line with an RFC 3339 timestamp; `gh run view --log` adds job and step columns
     * (group 1), on every line, so they are read as columns only in a log whose first line has them: elsewhere a
     * tab-separated line whose third column is a timestamp is data.
     */
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z ?");
    static final Pattern GITHUB_TIMESTAMP = Pattern.compile(
            "^([^\t]{1,200}\t[^\t]{1,200}\t)?\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z ?");
    static final Pattern GITHUB_COMMAND = Pattern.compile(
            "^(?:##\\[(group|endgroup|error|warning|notice|debug|section|command)\\]|::(group|endgroup|error|warning|notice|debug)(?: [^:]*)?::)(.*)$");
    private static final Pattern GITLAB_SECTION = Pattern.compile(
            "section_(start|end):\\d+:([A-Za-z0-9_.\\-]+)(?:\\[[^\\]]*\\])?");
    static final Pattern TRAVIS_MARKER = Pattern.compile(
            "travis_(fold|time):(start|end):[A-Za-z0-9_.\\-]*(?::[A-Za-z0-9_=,.\\-]*)?");
    static final Pattern JENKINS_PIPELINE = Pattern.compile("^\\[Pipeline\\] ?(.*)$");
    private static final Pattern JENKINS_STAGE = Pattern.compile("^\\{ \\((.+)\\)$");

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final int maxLineChars;

    public LogNormalizer() {
        this(DEFAULT_MAX_LINE_CHARS);
    }

    public LogNormalizer(int maxLineChars) {
        if (maxLineChars < 80) {
            throw new IllegalArgumentException("maxLineChars must be at least 80, got " + maxLineChars);
        }
        this.maxLineChars = maxLineChars;
    }

    /**
     * Reads the whole stream and hands every normalized line to {@code sink}, in order. The stream is not
     * closed. Returns the number of physical lines read.
     */
    public int normalize(InputStream in, Consumer<NormalizedLine> sink) {
        return normalize(in, BeforeCut.NONE, sink);
    }

    /**
     * As {@link #normalize(InputStream, Consumer)}, with {@code beforeCut} shown every line's whole text before an
     * over-long line is cut.
     */
    public int normalize(InputStream in, BeforeCut beforeCut, Consumer<NormalizedLine> sink) {
        var state = new State();
        var reader = new RawLineReader(in, maxLineChars * 4);
        try {
            RawLineReader.RawLine raw;
            while ((raw = reader.next()) != null) {
                state.lineNumber++;
                sink.accept(normalizeLine(state, decode(raw), beforeCut));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the log", e);
        }
        return state.lineNumber;
    }

    /**
     * Normalizes lines already split and numbered (a capped log's head and tail keep their original numbers),
     * with the same step tracking as a stream. Returns the number of lines.
     */
    public int normalize(Iterable<LogLine> lines, Consumer<NormalizedLine> sink) {
        return normalize(lines, BeforeCut.NONE, sink);
    }

    /** As {@link #normalize(Iterable, Consumer)}, with {@code beforeCut} as in the stream form. */
    public int normalize(Iterable<LogLine> lines, BeforeCut beforeCut, Consumer<NormalizedLine> sink) {
        var state = new State();
        int count = 0;
        for (LogLine line : lines) {
            state.lineNumber = line.number();
            sink.accept(normalizeLine(state, line.text(), beforeCut));
            count++;
        }
        return count;
    }

    /** Normalizes a single line of text as line {@code number}; for tests and callers holding text already. */
    public NormalizedLine normalizeText(int number, String text) {
        var state = new State();
        state.lineNumber = number;
        return normalizeLine(state, text, BeforeCut.NONE);
    }

    /**
     * The common path stays small and the marker handlers are methods of their own, so the JIT compiles less of it:
     * inlined, the handlers' regexes made it 40 kB of machine code, paid for again at each recompilation after a trap
     * (docs/matching.md, "The first analysis in a fresh JVM").
     */
    private NormalizedLine normalizeLine(State state, String decoded, BeforeCut beforeCut) {
        String text = decoded;
        LineKind kind = LineKind.TEXT;
        // GitLab writes "section_start:TS:name\r\e[0K" before the line's own text: read it before the
        // carriage return hides it.
        if (text.indexOf("section_") >= 0) {
            Marked sections = gitlabSections(state, text);
            text = sections.text();
            kind = sections.kind();
        }
        text = lastOverwrite(text);
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1); // a UTF-8 byte-order mark at the start of the log (or of a part pasted in)
        }
        if (state.columns == null && !text.isBlank()) {
            state.columns = hasGithubColumns(text);
        }
        if (mayStartWithGithubTimestamp(text)) {
            text = withoutTimestamp(state, text);
        }
        text = EscapeCodes.strip(text);
        if (kind == LineKind.NOISE && !text.isBlank()) {
            kind = LineKind.TEXT;
        }
        // Markers are rare: a handler's answer is made only for a line that has one.
        if (mayBeGithubCommand(text)) {
            Marked command = githubCommand(state, new Marked(text, kind));
            text = command.text();
            kind = command.kind();
        }
        if (text.contains("travis_")) {
            Marked fold = travisMarker(state, new Marked(text, kind));
            text = fold.text();
            kind = fold.kind();
        }
        if (text.startsWith("[Pipeline]")) {
            Marked stage = jenkinsPipeline(state, new Marked(text, kind));
            text = stage.text();
            kind = stage.kind();
        }
        text = text.stripTrailing();
        text = LineCut.apply(beforeCut.apply(state.lineNumber, text, text.length() > maxLineChars), maxLineChars);
        return new NormalizedLine(new LogLine(state.lineNumber, text), kind, state.step);
    }

    /** A line's text and kind while its markers are read. */
    private record Marked(String text, LineKind kind) {
    }

    private static Marked gitlabSections(State state, String text) {
        LineKind kind = LineKind.TEXT;
        Matcher gl = GITLAB_SECTION.matcher(text);
        while (gl.find()) {
            if (gl.group(1).equals("start")) {
                state.step = gl.group(2);
                kind = LineKind.STEP_START;
            } else if (kind != LineKind.STEP_START) {
                kind = LineKind.NOISE;
            }
        }
        return new Marked(gl.replaceAll(""), kind);
    }

    private static boolean hasGithubColumns(String text) {
        Matcher first = GITHUB_TIMESTAMP.matcher(text);
        return first.lookingAt() && first.group(1) != null;
    }

    private static String withoutTimestamp(State state, String text) {
        Matcher timestamp = TIMESTAMP.matcher(text);
        if (timestamp.lookingAt()) {
            return text.substring(timestamp.end());
        }
        if (Boolean.TRUE.equals(state.columns) && (timestamp = GITHUB_TIMESTAMP.matcher(text)).lookingAt()) {
            return text.substring(timestamp.end());
        }
        return text;
    }

    private static Marked githubCommand(State state, Marked line) {
        Matcher gh = GITHUB_COMMAND.matcher(line.text());
        if (!gh.find()) {
            return line;
        }
        String command = gh.group(1) != null ? gh.group(1) : gh.group(2);
        String rest = gh.group(3).strip();
        LineKind kind = switch (command) {
            case "group", "section" -> {
                state.step = rest.isEmpty() ? state.step : rest;
                yield LineKind.STEP_START;
            }
            case "endgroup" -> LineKind.NOISE;
            case "error" -> LineKind.CI_ERROR;
            default -> LineKind.TEXT;
        };
        return new Marked(rest, kind);
    }

    private static Marked travisMarker(State state, Marked line) {
        String text = line.text();
        Matcher travis = TRAVIS_MARKER.matcher(text);
        if (!travis.find()) {
            return line;
        }
        if (travis.group(1).equals("fold") && travis.group(2).equals("start")) {
            state.step = text.substring(travis.start() + "travis_fold:start:".length(), travis.end());
        }
        text = travis.replaceAll("").strip();
        return new Marked(text, text.isEmpty() ? LineKind.NOISE : line.kind());
    }

    private static Marked jenkinsPipeline(State state, Marked line) {
        Matcher jenkins = JENKINS_PIPELINE.matcher(line.text());
        if (!jenkins.find()) {
            return line;
        }
        Matcher stage = JENKINS_STAGE.matcher(jenkins.group(1));
        if (stage.find()) {
            state.step = stage.group(1);
            return new Marked(stage.group(1), LineKind.STEP_START);
        }
        return new Marked("", LineKind.NOISE);
    }

    /** A terminal shows only what was written after the last carriage return; so do we. */
    private static String lastOverwrite(String text) {
        int cr = text.lastIndexOf('\r');
        if (cr < 0) {
            return text;
        }
        String[] parts = text.split("\r");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!EscapeCodes.strip(parts[i]).isBlank()) {
                return parts[i];
            }
        }
        return "";
    }

    // Necessary conditions for the regexes above (package-private, as are those regexes, so a test can hold
    // each to its regex), checked first because almost every line fails them: a regex call costs a matcher and
    // a scan of the line, these a character or two.

    /** GITHUB_TIMESTAMP needs a digit at the start, or the tabs of the job and step columns. */
    static boolean mayStartWithGithubTimestamp(String text) {
        return !text.isEmpty() && (isAsciiDigit(text.charAt(0)) || text.indexOf('\t') >= 0);
    }

    /** GITHUB_COMMAND is anchored at the start of the line. */
    static boolean mayBeGithubCommand(String text) {
        return text.startsWith("##[") || text.startsWith("::");
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A line the reader cut in the middle gets the cut's marker there (head and tail decoded apart). */
    private static String decode(RawLineReader.RawLine raw) {
        if (raw.cutBytes() == 0) {
            return decode(raw.bytes(), raw.offset(), raw.length());
        }
        return decode(raw.bytes(), raw.offset(), raw.cutAt()) + LineCut.marker(raw.cutBytes())
                + decode(raw.bytes(), raw.offset() + raw.cutAt(), raw.length() - raw.cutAt());
    }

    /** Lossy UTF-8: invalid bytes become U+FFFD instead of failing the analysis. Keeps '\r' for overwrites. */
    private static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    private static final class State {
        int lineNumber;
        String step;
        /** Whether the log has `gh run view --log`'s job and step columns; null until its first non-blank line. */
        Boolean columns;
    }
}
