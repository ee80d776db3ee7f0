package dev.pipelinetriage.engine.redact;

import static dev.pipelinetriage.engine.redact.Prefilter.anyOf;
import static dev.pipelinetriage.engine.redact.Prefilter.anyOfIgnoreCase;

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
                    anyOf("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            PatternRule.of("gitlab-token",
                    NOT_AFTER_ALNUM + "(?:(?:" + GITLAB_PREFIXES + ")-" + TOKEN_RUN + "{20,}+"
                            + "|GR1348941[A-Za-z0-9_-]{20,}+)",
                    anyOf("glpat-", "gldt-", "glrt-", "glrtr-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-",
                            "glsoat-", "gloas-", "glffct-", "glwt-", "GR1348941")),
            PatternRule.of("slack-token",
                    NOT_AFTER_ALNUM + "(?:xox(?:e\\.xox[bp]|[abeoprs])|xapp)-[A-Za-z0-9-]{10,}+",
                    anyOf("xox", "xapp-")),
            PatternRule.of("slack-webhook",
                    "(https://hooks\\.slack\\.com/(?:services|workflows|triggers)/)([A-Za-z0-9_/+-]{8,}+)",
                    anyOf("hooks.slack.com")).onlyGroup(2),
            PatternRule.of("aws-access-key-id",
                    NOT_AFTER_ALNUM + "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])",
                    anyOf("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
            PatternRule.of("google-api-key",
                    "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])",
                    anyOf("AIza")),
            PatternRule.of("google-oauth-token",
                    NOT_AFTER_ALNUM + "(?:ya29\\.[0-9A-Za-z_-]{20,}+|1//0[0-9A-Za-z_-]{30,}+)",
                    anyOf("ya29.", "1//0")),
            PatternRule.of("google-client-secret",
                    NOT_AFTER_ALNUM + "GOCSPX-[A-Za-z0-9_-]{20,}+",
                    anyOf("GOCSPX-")),
            PatternRule.of("npm-token",
                    NOT_AFTER_ALNUM + "npm_[A-Za-z0-9]{36,}+",
                    anyOf("npm_")),
            PatternRule.of("pypi-token",
                    NOT_AFTER_ALNUM + "pypi-AgE[A-Za-z0-9_-]{50,}+",
                    anyOf("pypi-AgE")),
            PatternRule.of("docker-token",
                    NOT_AFTER_ALNUM + "dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}+",
                    anyOf("dckr_")),
            PatternRule.of("azure-client-secret",
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+(?![A-Za-z0-9_~.-])",
                    anyOf("Q~")),
            PatternRule.of("jwt",
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}+\\.eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]*+",
                    anyOf("eyJ")),
            // scheme://user:password@host -- keep scheme, user and host; gitleaks has no such rule. The user part
            // excludes brackets so a marker left in the user position by the next rule is not re-read as user:pass.
            PatternRule.of("url-credential",
                    "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}+://[^\\s/?#@:\"'<>\\[\\]]*+:([^\\s/?#@\"'<>]++)@",
                    anyOf("://")).onlyGroup(1),
            // scheme://TOKEN@host: a long random user name is a token (git's oauth form); git@host is not.
            PatternRule.of("url-credential",
                    "(?<=://)([A-Za-z0-9_-]{20,}+)@",
                    anyOf("://")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            PatternRule.of("url-signature",
                    "(?i)[?&;](?:sig|signature|x-amz-signature|x-goog-signature)=([^&\\s\"'#<>]++)",
                    anyOfIgnoreCase("sig")).onlyGroup(1),
            PatternRule.of("authorization",
                    "(?i)(?<![A-Za-z0-9-])(?:proxy-)?authorization[\"']?+\\s*+[:=]\\s*+[\"']?+"
                            + "(?:(?:bearer|basic|token|bot|digest|negotiate|ntlm|apikey|sso-key)\\s++)?"
                            + "([^\\s\"',;]++)",
                    anyOfIgnoreCase("authorization")).onlyGroup(1),
            PatternRule.of("bearer-token",
                    "(?i)" + NOT_AFTER_ALNUM + "bearer\\s++([A-Za-z0-9._~+/=-]{16,}+)",
                    anyOfIgnoreCase("bearer")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            Assignments.rule("secret",
                    "secret[_-]?access[_-]?key|client[_-]?secret|secret[_-]?key|secret",
                    anyOfIgnoreCase("secret")),
            Assignments.rule("password",
                    "passphrase|password|passwd|(?<=[_.-])pass|(?<=[_.-])pwd",
                    anyOfIgnoreCase("pass", "pwd")),
            Assignments.rule("token",
                    "token|(?<=[_\"])auth",
                    anyOfIgnoreCase("token", "auth")),
            Assignments.rule("key",
                    "(?:api|access|private|account|shared[_-]?access|encryption|signing|master|client)[_-]?key"
                            + "|apikey",
                    anyOfIgnoreCase("key")),
            // curl -u user:password / --user user:password; only on curl lines, since docker's -u is uid:gid.
            PatternRule.of("password",
                    "(?:^|\\s)(?:-u|--user)(?:\\s++|=)[\"']?+[^\\s:\"']++:([^\\s\"']++)",
                    anyOf("curl")).onlyGroup(1),
            PatternRule.of("password",
                    "(?i)(?<![A-Za-z0-9])machine\\s++\\S++\\s++login\\s++\\S++\\s++password\\s++(\\S++)",
                    anyOf("machine")).onlyGroup(1));

    private DefaultRules() {
    }

    /** {@code key = value} in env, YAML, JSON, properties, query strings and {@code --flag value} form. */
    private static final class Assignments {

        private static final Pattern WHITESPACE = Pattern.compile("\\s++");

        private Assignments() {
        }

        static PatternRule rule(String kind, String keywords, Prefilter prefilter) {
            String regex = "(?i)(?:" + keywords + ")(?![A-Za-z0-9_-])[\"']?+"
                    + "(\\s*+[:=]\\s*+|\\s++)"                      // 1: separator
                    + "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)++)\""         // 2: double-quoted, JSON escapes
                    + "|'([^'\\r\\n]++)'"                           // 3: single-quoted
                    + "|([^\\s\"',;&)}\\]]++))";                    // 4: bare
            return new PatternRule(kind, Pattern.compile(regex), 2, prefilter, Assignments::isSecret);
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
