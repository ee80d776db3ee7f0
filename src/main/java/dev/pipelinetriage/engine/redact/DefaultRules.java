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

    /**
     * A character of a URL's password; '/' too, but not "//" (nor its JSON-escaped form), so a run cannot reach into
     * the next URL; a quote too,
     * unless it closes a string ({@code "https://h:8080","a@b.c"} is no password).
     */
    private static final String USERINFO_CHAR =
            "(?:[^\\s\"'<>@/\\\\]|/(?!/)|\\\\(?!/\\\\/)|[\"'](?![\\s,;:)}\\]>&]|$))";
    /** A word of an Authorization header's credentials: no quotes, except Digest's {@code key="value"}. */
    private static final String HEADER_WORD = "(?:[^\\s\"'=]++|=\"[^\"\\r\\n]*+\"|=)++";
    /** Letters-only words: "authorization: failed for user" is a sentence, not credentials. */
    private static final Pattern PROSE = Pattern.compile("[A-Za-z]++(?:[\\s,.:;!?]++[A-Za-z]++)*+[.!?]?+");

    private static final String GITLAB_PREFIXES =
            "glpat|gldt|glrt|glrtr|glcbt|glptt|glft|glimt|glagent|glsoat|gloas|glffct|glwt";

    /** Passwords and tokens in the options of the common command line tools. */
    static final CommandLines COMMAND_LINES = new CommandLines(CommandOptions.COMMON);

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
            // 2048 characters and 4 '@', so each "://" costs a bounded amount of matching).
            PatternRule.of("url-credential",
                    "(?:://|:\\\\/\\\\/)[^\\s/?#@:\"'<>\\[\\]]*+:"
                            + "((?:" + USERINFO_CHAR + "{1,2048}+@){0,3}?" + USERINFO_CHAR + "{1,2048}+)"
                            + "@(?=[A-Za-z0-9._\\[\\]-]{1,253}+(?:[:/?#\\s\"'<>),;\\\\]|$))",
                    startsAt("://", ":\\/\\/")).onlyGroup(1).when((line, m, value) -> !isPortAndPath(value)),
            // Oracle's user/password@connect-identifier, on the command lines and JDBC URLs that take it.
            PatternRule.of("password",
                    "(?:^|[\\s'\"=:])[A-Za-z][A-Za-z0-9_$#]{0,127}+/([^\\s/@\"']{1,256}+)@(?=[A-Za-z0-9_.\\[/-])",
                    anywhere("sqlplus", "oracle:thin:", "expdp", "impdp", "sqlldr", "rman ", "dgmgrl")).onlyGroup(1),
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
                            + "([a-z][a-z0-9._-]{0,40}+\\s++(?=[^\\s\"']))?+"
                            + "(" + HEADER_WORD + "(?:\\s++" + HEADER_WORD + ")*+)",
                    startsAtIgnoreCase("authorization")).onlyGroup(2)
                    .when((line, m, value) -> !isProse(value, m.group(1) != null) && !value.startsWith("realm=")),
            PatternRule.of("bearer-token",
                    "(?i)" + NOT_AFTER_ALNUM + "bearer\\s++([A-Za-z0-9._~+/=-]{16,}+)",
                    startsAtIgnoreCase("bearer")).onlyGroup(1).when((line, m, value) -> Markers.hasDigit(value)),
            Assignments.rule("secret",
                    "secret[_-]?access[_-]?key|client[_-]?secret|secret[_-]?key|secret|credentials?+",
                    startsAtIgnoreCase("secret", "client", "credential")),
            // pwd only after a separator (db_pwd, ;pwd= in connection strings): PWD= alone is the working directory
            Assignments.rule("password",
                    "passphrase|password|passwd|(?<=[_.-])pass|(?<=[\"'])pass(?=\\\\?+[\"'])|(?<=[_.;?&-])pwd",
                    startsAtIgnoreCase("pass", "pwd")),
            // "auth" takes no further words: rabbit_auth_backend. SonarQube's login is a token.
            Assignments.rule("token",
                    "token|(?<=[_\"])auth(?![_.-])|sonar\\.login",
                    startsAtIgnoreCase("token", "auth", "sonar.login")),
            // Scanned, not anchored: the keyword starts at one of nine words but always ends in "key".
            Assignments.rule("key",
                    "(?:(?:api|access|private|account|shared[_-]?access|encryption|signing|master|client)[_-]?key"
                            + "|apikey)",
                    anywhereIgnoreCase("key")),
            // Any other ..._KEY or ...Key (STRIPE_KEY, DD_APP_KEY, licenseKey): a secret by name only when the
            // words before do not make it a lookup (CACHE_KEY), and by value only when that looks random.
            Assignments.rule("key",
                    "(?<=[A-Za-z0-9][_.-])key|(?-i:(?<=[a-z])Key)",
                    anywhereIgnoreCase("key"), (line, key, value) -> KeyNames.namesASecret(key)
                            && Entropy.looksRandom(value)),
            // Structured forms whose key a rule finds by syntax; KeyNames says whether it names a secret.
            PatternRule.of("secret",
                    "<([A-Za-z_][A-Za-z0-9_.:-]{0,80}+)>([^<\\r\\n]{1,4096}+)</([A-Za-z_][A-Za-z0-9_.:-]{0,80}+)>",
                    anywhere("</")).onlyGroup(2)
                    .when((line, m, value) -> m.group(1).equals(m.group(3)) && KeyNames.namesASecret(m.group(1))),
            PatternRule.of("secret",
                    "(?i)\\bkey\\s*+=\\s*+\"([^\"\\r\\n]{1,80}+)\"\\s++value\\s*+=\\s*+\"([^\"\\r\\n]++)\"",
                    anywhereIgnoreCase("value=\"", "value =")).onlyGroup(2)
                    .when((line, m, value) -> KeyNames.namesASecret(m.group(1))),
            PatternRule.of("secret",
                    "::set-output\\s++name=([A-Za-z0-9_.-]{1,80}+)::(.++)",
                    startsAt("::set-output")).onlyGroup(2)
                    .when((line, m, value) -> KeyNames.namesASecret(m.group(1))),
            PatternRule.of("cookie",
                    "(?i)" + NOT_AFTER_ALNUM + "(?:set-)?cookie\\s*+:\\s*+(\\S[^\\r\\n]*+)",
                    startsAtIgnoreCase("cookie", "set-cookie")).onlyGroup(1)
                    .when((line, m, value) -> value.indexOf('=') > 0),
            COMMAND_LINES,
            new Base32Run("azure-devops-pat", 52));

    /** Not after a character of {@code tokenClass}, unless that character ends an escape (as {@link Glue} says). */
    private static String notAfter(String tokenClass) {
        return "(?:(?<!" + tokenClass + ")|(?<=(?<!\\\\)\\\\[nrt])|(?<=%[0-9A-Fa-f]{2}))";
    }

    private static boolean isPortAndPath(String value) {
        int slash = value.indexOf('/');
        return slash > 0 && value.substring(0, slash).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Letters-only words after "authorization:" are a sentence when they are several, or one short word without a
     * scheme before it; after a scheme word ({@code Basic}, {@code Bearer}) one word is the credentials.
     */
    private static boolean isProse(String value, boolean afterScheme) {
        return PROSE.matcher(value).matches()
                && (value.indexOf(' ') >= 0 || (!afterScheme && value.length() < 16));
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
        /** Words before "token:" in parser errors: {@code Unexpected token: '}'}. */
        private static final Set<String> PARSER_WORDS = Set.of(
                "unexpected", "expected", "unknown", "unrecognized", "unrecognised", "illegal", "unterminated");
        private static final Pattern LOWER_WORD = Pattern.compile("[a-z]++");
        /** Words before {@code KEY value} that make it a setting: {@code set}, Dockerfile's {@code ENV}, csh. */
        private static final Set<String> SETTING_WORDS = Set.of("set", "env", "setenv", "setx");
        /** {@code --secret id=npmrc,src=...}: a flag's value that is itself a list of options names no secret. */
        private static final Pattern OPTION_LIST = Pattern.compile("(?:id|src|source|type|env|target|dst)=");
        private static final Pattern DIGITS = Pattern.compile("[0-9]++(?::[0-9]++)*+");
        /** .NET's PublicKeyToken, public_key: public by name. PUBLIC_GITHUB_TOKEN is still a token. */
        private static final Pattern PUBLIC_KEY = Pattern.compile("public[_.-]?key");

        private static final int SUFFIX = 1;
        private static final int SEPARATOR = 2;
        private static final int BARE = 6;

        private Assignments() {
        }

        /** A further test of the whole key and the value, for key names weaker than the keywords alone. */
        @FunctionalInterface
        interface KeyCheck {
            boolean isSecret(String line, String key, String value);
        }

        static PatternRule rule(String kind, String keywords, Trigger trigger) {
            return rule(kind, keywords, trigger, (line, key, value) -> true);
        }

        static PatternRule rule(String kind, String keywords, Trigger trigger, KeyCheck keyCheck) {
            String regex = "(?i)(?:" + keywords + ")"
                    + "((?:_?+[0-9]++|[_.-][a-z][a-z0-9]*+)*+)(?![A-Za-z0-9_-])"  // 1: more words of the key
                    + "(?:\\\\?+[\"'])?+"                                        // its closing (escaped) quote
                    + "(\\s*+(?::=|=>|[:=]|%3[ad])\\s*+|\\s++)"               // 2: separator
                    + "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)++)\""                  // 3: double-quoted, JSON escapes
                    + "|'([^'\\r\\n]++)'"                                       // 4: single-quoted
                    + "|\\\\\"([^\"\\\\\\r\\n]++)\\\\\""                    // 5: JSON in a JSON string
                    + "|(" + BARE_VALUE + "))";                                // 6: bare
            return new PatternRule(kind, Pattern.compile(regex), 3, trigger, (line, matcher, value) ->
                    isSecret(line, matcher, value) && keyCheck.isSecret(line,
                            line.substring(keyStart(line, matcher.start()), matcher.end(SUFFIX)), value));
        }

        /**
         * An unquoted value ends at whitespace, a quote, an escape ({@code \\n}, {@code %26}) or a closing bracket;
         * at {@code , ; & )} only when what follows starts the next field ({@code ;Server=}, {@code &page=}) or
         * nothing does, so a password holding those characters is hidden whole.
         */
        private static final String NEXT_FIELD = "[A-Za-z0-9_.\\[\\]-]{1,64}+(?:=|%3[dD])";
        private static final String BARE_VALUE = "(?:[^\\s\"'\\\\,;&)}\\]%]++"
                + "|\\\\(?![nrt\"'\\\\])"
                + "|%(?!2[2267cC]|3[bBdD]|0[aAdD])"
                + "|%(?:2[6cC]|3[bB])(?![\\s\"'\\\\]|$|" + NEXT_FIELD + ")"
                + "|[,;&)}\\]](?![\\s\"'\\\\,;&)}\\].:]|$|" + NEXT_FIELD + "))++";

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
                boolean flagOrSetting = line.charAt(keyStart) == '-'
                        || SETTING_WORDS.contains(wordBefore(line, wordStart(line, keyStart)));
                return flagOrSetting && !(LOWER_WORD.matcher(value).matches()
                        && LOWER_WORD.matcher(wordAfter(line, matcher.end())).lookingAt())
                        && !OPTION_LIST.matcher(value).lookingAt();
            }
            return true;
        }

        private static boolean isAboutTheSecret(String suffix) {
            for (String word : Ascii.toLowerCase(suffix).split("[_.-]")) {
                if (KeyNames.ABOUT_THE_SECRET.contains(word)) {
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
