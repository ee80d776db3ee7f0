package dev.pipelinetriage.engine.redact;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex rule: in every match, the secret becomes {@code [REDACTED:kind]} unless the check rejects it. The secret
 * is the whole match when {@code group} is 0, else the first group numbered {@code group} or higher that took part
 * (so alternatives such as a quoted or a bare value can each have their own group).
 *
 * <p>Patterns use possessive or bounded quantifiers only, so one match attempt is linear in the run of characters
 * it looks at; an anchoring trigger limits attempts to the places where the trigger's literals occur.
 */
record PatternRule(String kind, Pattern pattern, int group, Trigger trigger, Check check) implements Rule {

    /** Decides whether a found candidate really is a secret; sees the whole line for context. */
    @FunctionalInterface
    interface Check {
        Check ANY = (line, matcher, value) -> true;

        boolean isSecret(String line, Matcher matcher, String value);
    }

    PatternRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(check, "check");
        if (group < 0 || group > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException("rule " + kind + " has no group " + group + " in " + pattern);
        }
    }

    static PatternRule of(String kind, String regex, Trigger trigger) {
        return new PatternRule(kind, Pattern.compile(regex), 0, trigger, Check.ANY);
    }

    PatternRule onlyGroup(int newGroup) {
        return new PatternRule(kind, pattern, newGroup, trigger, check);
    }

    PatternRule when(Check newCheck) {
        return new PatternRule(kind, pattern, group, trigger, newCheck);
    }

    @Override
    public String apply(String line, String lowerLine) {
        if (!trigger.occursIn(line, lowerLine)) {
            return line;
        }
        Matcher matcher = pattern.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
        if (!trigger.anchors()) {
            return replaceEverywhere(line, matcher);
        }
        Replacement out = new Replacement(line, Markers.of(kind));
        Trigger.Cursor occurrences = trigger.cursor(line, lowerLine);
        int at = occurrences.next(0);
        while (at >= 0) {
            matcher.region(at, line.length());
            int from = at + 1;
            if (matcher.lookingAt()) {
                replaceIfSecret(line, matcher, out);
                from = Math.max(from, matcher.end());
            }
            at = from < line.length() ? occurrences.next(from) : -1;
        }
        return out.result();
    }

    private String replaceEverywhere(String line, Matcher matcher) {
        Replacement out = new Replacement(line, Markers.of(kind));
        while (matcher.find()) {
            replaceIfSecret(line, matcher, out);
        }
        return out.result();
    }

    private void replaceIfSecret(String line, Matcher matcher, Replacement out) {
        int secretGroup = participatingGroup(matcher);
        if (secretGroup < 0) {
            return;
        }
        int start = matcher.start(secretGroup);
        int end = matcher.end(secretGroup);
        String value = line.substring(start, end);
        if (!Markers.isNotASecret(value) && check.isSecret(line, matcher, value)) {
            out.replace(start, end);
        }
    }

    private int participatingGroup(Matcher matcher) {
        if (group == 0) {
            return 0;
        }
        for (int g = group; g <= matcher.groupCount(); g++) {
            if (matcher.start(g) >= 0) {
                return g;
            }
        }
        return -1;
    }

    /** Builds the redacted line only once something is replaced; spans arrive left to right, never overlapping. */
    private static final class Replacement {
        private final String line;
        private final String marker;
        private StringBuilder out;
        private int copied;

        Replacement(String line, String marker) {
            this.line = line;
            this.marker = marker;
        }

        void replace(int start, int end) {
            if (start < copied) {
                return; // overlaps a span already replaced
            }
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, copied, start).append(marker);
            copied = end;
        }

        String result() {
            return out == null ? line : out.append(line, copied, line.length()).toString();
        }
    }
}
