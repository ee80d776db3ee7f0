package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log. Fields are plain text from verified sources; no tokens, no log text.
 *
 * @param action what was attempted, e.g. {@code rerun}
 * @param target what it was attempted on, e.g. {@code github:octo-org/octo-repo run 30433642 attempt 1}
 * @param outcome {@code denied}, {@code requested}, {@code started}, {@code failed}, {@code duplicate}
 * @param reason why, for people
 */
public record AuditEntry(Instant at, String platform, String workspace, String user, String channel, String action,
        String target, String outcome, String reason) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        platform = clean(platform);
        workspace = clean(workspace);
        user = clean(user);
        channel = clean(channel);
        action = clean(action);
        target = clean(target);
        outcome = clean(outcome);
        reason = clean(reason);
    }

    /** Control characters would let a user-supplied value forge a second line in an exported log. */
    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), 500));
        for (int i = 0; i < value.length() && sb.length() < 500; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
