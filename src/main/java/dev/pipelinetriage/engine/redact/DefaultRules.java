package dev.pipelinetriage.engine.redact;

import static dev.pipelinetriage.engine.redact.Trigger.anywhere;
import static dev.pipelinetriage.engine.redact.Trigger.anywhereIgnoreCase;
import static dev.pipelinetriage.engine.redact.Trigger.startsAt;
import static dev.pipelinetriage.engine.redact.Trigger.startsAtIgnoreCase;

import java.util.List;
import java.util.Set;
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
    /**
     * A token starts at a word boundary, or glued to an escape: {@code \\n} in JSON-escaped output, {@code %3D} in
     * a URL-encoded one. Both end in a letter or digit, which a plain boundary check would take for more word.
     */
    private static final String NOT_AFTER_ALNUM = notAfter("[A-Za-z0-9]");

    /** A character of a URL's password; '/' too, but not "//", so a run cannot reach into the next URL. */
    private static final String USERINFO_CHAR = "(?:[^\\s\"'<>@/]|/(?!/))";
    /** A word of an Authorization header's credentials: no quotes, except Digest's {@code key="value"}. */
    private static final String HEADER_WORD = "(?:[^\\s\"'=]++|=\"[^\"\\r\\n]*+\"|=)++";
    /** Letters-only words: "authorization: failed for user" is a sentence, not credentials. */
    private static final Pattern PROSE = Pattern.compile("[A-Za-z]++(?:[\\s,.:;!?]++[A-Za-z]++)*+[.!?]?+");

    private static final String GITLAB_PREFIXES =
            "glpat|gldt|glrt|glrtr|glcbt|glptt|glft|glimt|glagent|glsoat|gloas|glffct|glwt";

    private static final Pattern PORT_MAPPING = Pattern.compile("[0-9.:]++(?:/(?:tcp|udp))?+");

    /**
     * curl -u user:password / --user user:password, the password quoted or not, the user possibly empty. Only on
     * curl's lines (and their continuations), since docker's -u is uid:gid.
     */
    private static final PatternRule CURL_USER = PatternRule.of("password",
            "(?:^|\\s)(?:-u|--user)(?:\\s++|=)[\"']?+[^\\s:\"']*+:"
                    + "(?:'([^'\\r\\n]++)'|\"([^\"\\r\\n]++)\"|([^\\s\"']++))",
            anywhere("curl")).onlyGroup(1);

    static final List<Rule> RULES = List.of(
            new PrefixedTokens(TokenFormats.ALL),
            PatternRule.of("aws-access-key-id",
                    NOT_AFTER_ALNUM + "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])",
                    startsAt("AKIA", "ASIA", "ABIA", "ACCA", "A3T")),
            PatternRule.of("google-api-key",
                    notAfter("[A-Za-z0-9_-]") + "AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])",
                    startsAt("AIza")),
            // Formats whose fixed part is not at the start: the literal they are found by sits inside or after.
            PatternRule.of("terraform-token",
                    NOT_AFTER_ALNUM + "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,}+",
                    anywhere("atlasv1")),
            PatternRule.of("telegram-bot-token",
                    NOT_AFTER_ALNUM + "[0-9]{5,16}:AA[A-Za-z0-9_-]{30,}+",
                    anywhere(":AA")),
            PatternRule.of("mailchimp-key",
                    NOT_AFTER_ALNUM + "[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])",
                    anywhere("-us")),
            PatternRule.of("newrelic-key",
                    NOT_AFTER_ALNUM + "[0-9a-f]{36}NRAL(?![A-Za-z0-9])",
                    anywhere("NRAL")),
            PatternRule.of("chat-webhook",
                    "(?:discord(?:app)?\\.com/api/webhooks/[0-9]{1,30}+/"
                            + "|webhook\\.office\\.com/webhookb2/|/IncomingWebhook/)([A-Za-z0-9_@/-]{20,}+)",
                    anywhere("/api/webhooks/", "webhookb2/", "/IncomingWebhook/")).onlyGroup(1),
            PatternRule.of("slack-webhook",
                    "hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/+-]{8,}+)",
                    startsAt("hooks.slack.com/")).onlyGroup(1),
            // The 2024 Azure DevOps PAT: 84 characters with a fixed signature at 52 and 76.
            PatternRule.of("azure-devops-pat",
                    NOT_AFTER_ALNUM + "[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])",
                    anywhere("AZDO")),
            PatternRule.of("azure-client-secret",
                    notAfter("[A-Za-z0-9_~.-]") + "[A-Za-z0-9_~.-]{3}[0-9]Q~"
                            + "(?:[A-Za-z0-9_~-]|\\.(?=[A-Za-z0-9_~-])){31,34}+(?![A-Za-z0-9_~-])",
                    anywhere("Q~")),
            PatternRule.of("jwt",
                    notAfter("[A-Za-z0-9_-]") + "eyJ[A-Za-z0-9_-]{5,}+\\.eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]*+",
                    startsAt("eyJ")),
            // scheme://user:password@host -- keep scheme, user and host; gitleaks has no such rule. The user part
            // excludes brackets so a marker left in the user position by the next rule is not re-read as user:pass.
            // An unencoded '@' or '/' may sit in the password: it runs to the '@' that a host name follows (at most
            // 256 characters and 4 '@', so each "://" costs a bounded amount of matching).
            PatternRule.of("url-credential",
                    "://[^\\s/?#@:\"'<>\\[\\]]*+:"
                            + "((?:" + USERINFO_CHAR + "{1,256}+@){0,3}?" + USERINFO_CHAR + "{1,256}+)"
                            + "@(?=[A-Za-z0-9.\\[\\]-]{1,253}+(?:[:/?#\\s\"'<>),;]|$))",
                    startsAt("://")).onlyGroup(1).when((line, m, value) -> !isPortAndPath(value)),
            // scheme://TOKEN@host: a long random user name is a token (git's oauth form); git@host is not.
            PatternRule.of("url-credential",
                    "://([A-Za-z0-9_-]{20,}+)@",
                    startsAt("://")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            PatternRule.of("url-signature",
                    "(?i)(?<=[?&;]|[?&;]x-amz-|[?&;]x-goog-)(?:sig|signature)=([^&\\s\"'#<>]++)",
                    startsAtIgnoreCase("sig=", "signature=")).onlyGroup(1),
            // Also Proxy-Authorization: the lookbehind lets a '-' precede. Whatever the scheme word (Bearer, SSWS,
            // Api-Token, AWS4-HMAC-SHA256), everything after it is credentials, up to a quote or the line end;
            // Digest's quoted parameters stay inside.
            PatternRule.of("authorization",
                    "(?i)" + NOT_AFTER_ALNUM + "authorization[\"']?+\\s*+[:=]\\s*+[\"']?+"
                            + "(?:[a-z][a-z0-9._-]{0,40}+\\s++(?=[^\\s\"']))?+"
                            + "(" + HEADER_WORD + "(?:\\s++" + HEADER_WORD + ")*+)",
                    startsAtIgnoreCase("authorization")).onlyGroup(1).when((line, m, value) -> !isProse(value)),
            PatternRule.of("bearer-token",
                    "(?i)" + NOT_AFTER_ALNUM + "bearer\\s++([A-Za-z0-9._~+/=-]{16,}+)",
                    startsAtIgnoreCase("bearer")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            Assignments.rule("secret",
                    "secret[_-]?access[_-]?key|client[_-]?secret|secret[_-]?key|secret",
                    startsAtIgnoreCase("secret", "client")),
            // pwd only after a separator (db_pwd, ;pwd= in connection strings): PWD= alone is the working directory
            Assignments.rule("password",
                    "passphrase|password|passwd|(?<=[_.-])pass|(?<=[_.;?&-])pwd",
                    startsAtIgnoreCase("pass", "pwd")),
            // "auth" and the "...key" names take no further words: rabbit_auth_backend, api_key_alias.
            Assignments.rule("token",
                    "token|(?<=[_\"])auth(?![_.-])",
                    startsAtIgnoreCase("token", "auth")),
            // Scanned, not anchored: the keyword starts at one of nine words but always ends in "key".
            Assignments.rule("key",
                    "(?:(?:api|access|private|account|shared[_-]?access|encryption|signing|master|client)[_-]?key"
                            + "|apikey)(?![_.-])",
                    anywhereIgnoreCase("key")),
            CURL_USER,
            // mysql -pSECRET (the password glued to -p); -p3306:3306 on the same line is docker's port mapping.
            PatternRule.of("password",
                    "(?:^|\\s)-p(?:\"([^\"\\r\\n]++)\"|'([^'\\r\\n]++)'|([^\\s\"']++))",
                    anywhere("mysql", "mariadb")).onlyGroup(1)
                    .when((line, m, value) -> !PORT_MAPPING.matcher(value).matches()),
            PatternRule.of("password",
                    "(?i)machine\\s++\\S++\\s++login\\s++\\S++\\s++password\\s++(\\S++)",
                    startsAt("machine")).onlyGroup(1),
            new Base32Run("azure-devops-pat", 52));

    /** Commands whose arguments may continue on the next lines; their rule also runs on those lines. */
    static final List<ContinuedCommand> CONTINUED_COMMANDS = List.of(new ContinuedCommand("curl", CURL_USER));

    /** Not after a character of {@code tokenClass}, unless that character ends an escape (as {@link Glue} says). */
    private static String notAfter(String tokenClass) {
        return "(?:(?<!" + tokenClass + ")|(?<=(?<!\\\\)\\\\[nrt])|(?<=%[0-9A-Fa-f]{2}))";
    }

    private static boolean isPortAndPath(String value) {
        int slash = value.indexOf('/');
        return slash > 0 && value.substring(0, slash).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isProse(String value) {
        return PROSE.matcher(value).matches() && (value.length() < 16 || value.indexOf(' ') >= 0);
    }

    private DefaultRules() {
    }

    /**
     * {@code key = value} in env, YAML, JSON, properties, query strings, connection strings and {@code --flag value}
     * form. The key may carry more words around the keyword ({@code MY_SECRET_VALUE}, {@code db_pass}); a word that
     * says the value is about the secret rather than the secret ({@code password_min_length}, {@code token_url})
     * leaves it alone.
     */
    private static final class Assignments {

        private static final Pattern WHITESPACE = Pattern.compile("\\s++");
        /** Key words naming a property of a secret, not the secret. */
        private static final Set<String> ABOUT_THE_SECRET = Set.of(
                "url", "uri", "urls", "endpoint", "file", "path", "dir", "type", "name", "names", "id", "ids", "length",
                "len", "size", "count", "min", "max", "expires", "expiry", "expiration", "ttl", "policy", "format",
                "mode", "enabled", "required", "hint", "prompt", "field", "env", "header", "prefix", "version",
                "ref", "kind", "method", "provider", "scheme", "strategy", "label", "description", "stdin",
                "timeout", "retries", "keyring", "result", "success", "failure", "error", "status", "state");
        /** Words before "token:" in parser errors: {@code Unexpected token: '}'}. */
        private static final Set<String> PARSER_WORDS = Set.of(
                "unexpected", "expected", "unknown", "unrecognized", "unrecognised", "illegal", "unterminated");
        private static final Pattern LOWER_WORD = Pattern.compile("[a-z]++");
        private static final Pattern DIGITS = Pattern.compile("[0-9]++");
        /** .NET's PublicKeyToken, public_key: public by name. PUBLIC_GITHUB_TOKEN is still a token. */
        private static final Pattern PUBLIC_KEY = Pattern.compile("public[_.-]?key");

        private static final int SUFFIX = 1;
        private static final int SEPARATOR = 2;
        private static final int BARE = 5;

        private Assignments() {
        }

        static PatternRule rule(String kind, String keywords, Trigger trigger) {
            String regex = "(?i)(?:" + keywords + ")"
                    + "((?:[_.-][a-z][a-z0-9]*+)*+)(?![A-Za-z0-9_-])[\"']?+"    // 1: more words of the key
                    + "(\\s*+(?::=|=>|[:=]|%3[ad])\\s*+|\\s++)"               // 2: separator
                    + "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)++)\""                  // 3: double-quoted, JSON escapes
                    + "|'([^'\\r\\n]++)'"                                       // 4: single-quoted
                    + "|(" + BARE_VALUE + "))";                                // 5: bare
            return new PatternRule(kind, Pattern.compile(regex), 3, trigger, Assignments::isSecret);
        }

        /**
         * An unquoted value ends at whitespace, a quote, an escape ({@code \\n}, {@code %26}) or a closing bracket;
         * at {@code , ; & )} only when what follows starts the next field ({@code ;Server=}, {@code &page=}) or
         * nothing does, so a password holding those characters is hidden whole.
         */
        private static final String BARE_VALUE = "(?:[^\\s\"'\\\\,;&)}\\]%]++"
                + "|\\\\(?![nrt\"'\\\\])"
                + "|%(?!2[2267cC]|3[bBdD]|0[aAdD])"
                + "|[,;&)](?![\\s\"',;&)}\\].:]|$|[A-Za-z0-9_.\\[\\]-]{1,64}+(?:=|%3[dD])))++";

        private static boolean isSecret(String line, Matcher matcher, String value) {
            if (matcher.start(BARE) >= 0 && value.endsWith("(")) {
                return false; // source code quoted in a compiler error: password = config.get("...")
            }
            int keyStart = keyStart(line, matcher.start());
            String key = Ascii.toLowerCase(line.substring(keyStart, matcher.end(SUFFIX)));
            if (PUBLIC_KEY.matcher(key).lookingAt() || isAboutTheSecret(matcher.group(SUFFIX))
                    || PARSER_WORDS.contains(wordBefore(line, keyStart))) {
                return false;
            }
            if (matcher.group(SEPARATOR).equals(":") && DIGITS.matcher(value).matches()) {
                return false; // file:line, function:line (process_auth_result:272), host:port
            }
            if (WHITESPACE.matcher(matcher.group(SEPARATOR)).matches()) {
                // "--password xyz" and "config set key xyz", never "Password must be 8 chars" nor Docker's
                // "Using --password via the CLI": a lower-case word followed by another is a sentence.
                boolean flagOrSetting = line.charAt(keyStart) == '-' || "set".equals(wordBefore(line, wordStart(line,
                        keyStart)));
                return flagOrSetting && !(LOWER_WORD.matcher(value).matches()
                        && LOWER_WORD.matcher(wordAfter(line, matcher.end())).lookingAt());
            }
            return true;
        }

        private static boolean isAboutTheSecret(String suffix) {
            for (String word : Ascii.toLowerCase(suffix).split("[_.-]")) {
                if (ABOUT_THE_SECRET.contains(word)) {
                    return true;
                }
            }
            return false;
        }

        /** Where the key holding the keyword starts: walk back over key characters. */
        private static int keyStart(String line, int keywordStart) {
            int i = keywordStart;
            while (i > 0 && isKeyChar(line.charAt(i - 1))) {
                i--;
            }
            return i;
        }

        /** Where the whitespace-separated word holding {@code index} starts. */
        private static int wordStart(String line, int index) {
            int i = index;
            while (i > 0 && !Character.isWhitespace(line.charAt(i - 1))) {
                i--;
            }
            return i;
        }

        /** The lower-cased word of letters that ends, after optional whitespace, just before {@code index}. */
        private static String wordBefore(String line, int index) {
            int end = index;
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && Character.isLetter(line.charAt(start - 1))) {
                start--;
            }
            return Ascii.toLowerCase(line.substring(start, end));
        }

        private static String wordAfter(String line, int index) {
            int start = index;
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
            int end = start;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            return start == index ? "" : line.substring(start, end);
        }

        private static boolean isKeyChar(char c) {
            return c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9');
        }
    }
}
