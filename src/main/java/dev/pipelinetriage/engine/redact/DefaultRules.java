package dev.pipelinetriage.engine.redact;

import static dev.pipelinetriage.engine.redact.Trigger.anywhere;
import static dev.pipelinetriage.engine.redact.Trigger.anywhereIgnoreCase;
import static dev.pipelinetriage.engine.redact.Trigger.startsAt;
import static dev.pipelinetriage.engine.redact.Trigger.startsAtIgnoreCase;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in rules, most specific first: a vendor token inside {@code GITHUB_TOKEN=...} is named by its vendor,
 * and the later, generic assignment rule then sees a marker and leaves it alone.
 *
 * <p>Formats follow gitleaks' and detect-secrets' rules (see docs/RELIABILITY.md section 4), widened where those
 * leave parts of a secret visible: the 2026 GitHub installation token {@code ghs_APPID_<jwt>} has dots and dashes,
 * so the GitHub rule takes {@code [A-Za-z0-9_.-]} to the end of the run rather than 36 characters.
 */
final class DefaultRules {

    /** A run of token characters; a dot only counts when more token follows, so a full stop is not eaten. */
    private static final String TOKEN_RUN = "(?:[A-Za-z0-9_-]|\\.(?=[A-Za-z0-9_-]))";
    private static final String NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";

    private static final String GITLAB_PREFIXES =
            "glpat|gldt|glrt|glrtr|glcbt|glptt|glft|glimt|glagent|glsoat|gloas|glffct|glwt";

    static final List<Rule> RULES = List.of(
            PatternRule.of("github-token",
                    NOT_AFTER_ALNUM + "(?:gh[pousr]_|github_pat_)" + TOKEN_RUN + "{30,}+",
                    startsAt("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            PatternRule.of("gitlab-token",
                    NOT_AFTER_ALNUM + "(?:(?:" + GITLAB_PREFIXES + ")-" + TOKEN_RUN + "{20,}+"
                            + "|GR1348941[A-Za-z0-9_-]{20,}+)",
                    startsAt("gl", "GR1348941")),
            PatternRule.of("slack-token",
                    NOT_AFTER_ALNUM + "(?:xox(?:e\\.xox[bp]|[abeoprs])|xapp)-[A-Za-z0-9-]{10,}+",
                    startsAt("xox", "xapp-")),
            PatternRule.of("slack-webhook",
                    "hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/+-]{8,}+)",
                    startsAt("hooks.slack.com/")).onlyGroup(1),
            PatternRule.of("aws-access-key-id",
                    NOT_AFTER_ALNUM + "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])",
                    startsAt("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
            PatternRule.of("google-api-key",
                    "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])",
                    startsAt("AIza")),
            PatternRule.of("google-oauth-token",
                    NOT_AFTER_ALNUM + "(?:ya29\\.[0-9A-Za-z_-]{20,}+|1//0[0-9A-Za-z_-]{30,}+)",
                    startsAt("ya29.", "1//0")),
            PatternRule.of("google-client-secret",
                    NOT_AFTER_ALNUM + "GOCSPX-[A-Za-z0-9_-]{20,}+",
                    startsAt("GOCSPX-")),
            PatternRule.of("npm-token",
                    NOT_AFTER_ALNUM + "npm_[A-Za-z0-9]{36,}+",
                    startsAt("npm_")),
            PatternRule.of("pypi-token",
                    NOT_AFTER_ALNUM + "pypi-AgE[A-Za-z0-9_-]{50,}+",
                    startsAt("pypi-AgE")),
            PatternRule.of("docker-token",
                    NOT_AFTER_ALNUM + "dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}+",
                    startsAt("dckr_")),
            PatternRule.of("azure-client-secret",
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+(?![A-Za-z0-9_~.-])",
                    anywhere("Q~")),
            PatternRule.of("jwt",
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}+\\.eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]*+",
                    startsAt("eyJ")),
            // scheme://user:password@host -- keep scheme, user and host; gitleaks has no such rule. The user part
            // excludes brackets so a marker left in the user position by the next rule is not re-read as user:pass.
            PatternRule.of("url-credential",
                    "://[^\\s/?#@:\"'<>\\[\\]]*+:([^\\s/?#@\"'<>]++)@",
                    startsAt("://")).onlyGroup(1),
            // scheme://TOKEN@host: a long random user name is a token (git's oauth form); git@host is not.
            PatternRule.of("url-credential",
                    "://([A-Za-z0-9_-]{20,}+)@",
                    startsAt("://")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            PatternRule.of("url-signature",
                    "(?i)(?<=[?&;]|[?&;]x-amz-|[?&;]x-goog-)(?:sig|signature)=([^&\\s\"'#<>]++)",
                    startsAtIgnoreCase("sig=", "signature=")).onlyGroup(1),
            // Also Proxy-Authorization: the lookbehind lets a '-' precede.
            PatternRule.of("authorization",
                    "(?i)" + NOT_AFTER_ALNUM + "authorization[\"']?+\\s*+[:=]\\s*+[\"']?+"
                            + "(?:(?:bearer|basic|token|bot|digest|negotiate|ntlm|apikey|sso-key)\\s++)?"
                            + "([^\\s\"',;]++)",
                    startsAtIgnoreCase("authorization")).onlyGroup(1),
            PatternRule.of("bearer-token",
                    "(?i)" + NOT_AFTER_ALNUM + "bearer\\s++([A-Za-z0-9._~+/=-]{16,}+)",
                    startsAtIgnoreCase("bearer")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            Assignments.rule("secret",
                    "secret[_-]?access[_-]?key|client[_-]?secret|secret[_-]?key|secret",
                    startsAtIgnoreCase("secret", "client")),
            Assignments.rule("password",
                    "passphrase|password|passwd|(?<=[_.-])pass|(?<=[_.-])pwd",
                    startsAtIgnoreCase("pass", "pwd")),
            Assignments.rule("token",
                    "token|(?<=[_\"])auth",
                    startsAtIgnoreCase("token", "auth")),
            // Scanned, not anchored: the keyword starts at one of nine words but always ends in "key".
            Assignments.rule("key",
                    "(?:api|access|private|account|shared[_-]?access|encryption|signing|master|client)[_-]?key"
                            + "|apikey",
                    anywhereIgnoreCase("key")),
            // curl -u user:password / --user user:password; only on curl lines, since docker's -u is uid:gid.
            PatternRule.of("password",
                    "(?:^|\\s)(?:-u|--user)(?:\\s++|=)[\"']?+[^\\s:\"']++:([^\\s\"']++)",
                    anywhere("curl")).onlyGroup(1),
            PatternRule.of("password",
                    "(?i)machine\\s++\\S++\\s++login\\s++\\S++\\s++password\\s++(\\S++)",
                    startsAt("machine")).onlyGroup(1));

    private DefaultRules() {
    }

    /** {@code key = value} in env, YAML, JSON, properties, query strings and {@code --flag value} form. */
    private static final class Assignments {

        private static final Pattern WHITESPACE = Pattern.compile("\\s++");

        private Assignments() {
        }

        static PatternRule rule(String kind, String keywords, Trigger trigger) {
            String regex = "(?i)(?:" + keywords + ")(?![A-Za-z0-9_-])[\"']?+"
                    + "(\\s*+[:=]\\s*+|\\s++)"                      // 1: separator
                    + "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)++)\""         // 2: double-quoted, JSON escapes
                    + "|'([^'\\r\\n]++)'"                           // 3: single-quoted
                    + "|([^\\s\"',;&)}\\]]++))";                    // 4: bare
            return new PatternRule(kind, Pattern.compile(regex), 2, trigger, Assignments::isSecret);
        }

        private static boolean isSecret(String line, Matcher matcher, String value) {
            if (matcher.start(4) >= 0 && value.endsWith("(")) {
                return false; // source code quoted in a compiler error: password = config.get("...")
            }
            if (WHITESPACE.matcher(matcher.group(1)).matches()) {
                return isFlag(line, matcher.start()); // "--password xyz", never "Password must be 8 chars"
            }
            return true;
        }

        /** Whether the word holding the keyword is a command-line flag: walk back to its start, expect '-'. */
        private static boolean isFlag(String line, int keywordStart) {
            int i = keywordStart;
            while (i > 0 && isKeyChar(line.charAt(i - 1))) {
                i--;
            }
            return line.charAt(i) == '-';
        }

        private static boolean isKeyChar(char c) {
            return c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9');
        }
    }
}
