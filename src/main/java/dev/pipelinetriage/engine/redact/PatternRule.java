package dev.pipelinetriage.engine.redact;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex rule: in every match, the secret becomes {@code [REDACTED:kind]} unless the check rejects it. The secret
 * is the whole match when {@code group} is 0, else the first group numbered {@code group} or higher that took part
 * (so alternatives such as a quoted or a bare value can each have their own group). Patterns use possessive or bounded quantifiers only, so a match attempt is linear in the run of
 * characters it looks at.
 */
record PatternRule(String kind, Pattern pattern, int group, Prefilter prefilter, Check check) implements Rule {

    /** Decides whether a found candidate really is a secret; sees the whole line for context. */
    @FunctionalInterface
    interface Check {
        Check ANY = (line, matcher, value) -> true;

        boolean isSecret(String line, Matcher matcher, String value);
    }

    PatternRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(prefilter, "prefilter");
        Objects.requireNonNull(check, "check");
        if (group < 0) {
            throw new IllegalArgumentException("group must be >= 0, got " + group + " for rule " + kind);
        }
    }

    static PatternRule of(String kind, String regex, Prefilter prefilter) {
        return new PatternRule(kind, Pattern.compile(regex), 0, prefilter, Check.ANY);
    }

    PatternRule onlyGroup(int newGroup) {
        return new PatternRule(kind, pattern, newGroup, prefilter, check);
    }

    PatternRule when(Check newCheck) {
        return new PatternRule(kind, pattern, group, prefilter, newCheck);
    }

    @Override
    public String apply(String line) {
        if (!prefilter.mayMatch(line)) {
            return line;
        }
        Matcher matcher = pattern.matcher(line);
        StringBuilder out = null;
        int copied = 0;
        String marker = Markers.of(kind);
        while (matcher.find()) {
            int secretGroup = participatingGroup(matcher);
            if (secretGroup < 0) {
                continue;
            }
            int start = matcher.start(secretGroup);
            int end = matcher.end(secretGroup);
            String value = line.substring(start, end);
            if (Markers.isNotASecret(value) || !check.isSecret(line, matcher, value)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, copied, start).append(marker);
            copied = end;
        }
        if (out == null) {
            return line;
        }
        return out.append(line, copied, line.length()).toString();
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
}
