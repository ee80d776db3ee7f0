package dev.pipelinetriage.engine.redact;

import dev.pipelinetriage.engine.redact.CommandOptions.Glue;
import dev.pipelinetriage.engine.redact.CommandOptions.Value;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Passwords and tokens on command lines, read the way the tool reads its arguments ({@link CommandOptions}): only
 * the options of the named program count, so {@code docker run --user 1000:1000} after a {@code curl} on the same
 * line is not curl's {@code --user}. Also a secret piped into a login ({@code echo PW | docker login
 * --password-stdin}) and {@code htpasswd -b}'s password argument. A line holding none of the programs' names is left
 * after one automaton pass.
 */
final class CommandLines implements Rule {

    static final String KIND = "password";

    /** Options of the command after a pipe that make the piped text a secret. */
    private static final Set<String> STDIN_SECRET_OPTIONS = Set.of("--password-stdin", "--with-token",
            "--token-stdin", "--password-from-stdin");
    /** Programs that read {@code user:password} lines from standard input. */
    private static final Set<String> STDIN_USER_PASSWORD = Set.of("chpasswd");

    private final List<CommandOptions> commands;
    private final LiteralAutomaton names;
    private final Trigger trigger;

    CommandLines(List<CommandOptions> commands) {
        this.commands = List.copyOf(commands);
        // A program's name with the space after it: "http" alone would be in every URL, "az" in every "azure".
        List<String> literals = new ArrayList<>();
        commands.forEach(c -> c.names().stream().map(n -> n + " ").filter(n -> !literals.contains(n))
                .forEach(literals::add));
        literals.addAll(List.of("htpasswd ", "--password-stdin", "--with-token", "--token-stdin", "chpasswd"));
        this.names = new LiteralAutomaton(literals);
        this.trigger = Trigger.anywhere(literals.toArray(String[]::new));
    }

    @Override
    public String apply(String line, String lowerLine) {
        if (!names.occursIn(line)) {
            return line;
        }
        Words words = Words.of(line);
        Spans spans = new Spans();
        for (int i = 0; i < words.size(); i++) {
            if (words.isSeparator(i)) {
                continue;
            }
            String program = words.program(i);
            if (program.equals("htpasswd")) {
                htpasswd(words, i + 1, spans);
            } else if (program.equals("echo") || program.equals("printf")) {
                piped(words, i + 1, spans);
            } else {
                for (CommandOptions command : commands) {
                    if (command.named(program)) {
                        options(command, words, i + 1, false, spans);
                    }
                }
            }
        }
        return spans.applyTo(line);
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    /** The command whose options the next line continues, when this line ends in a continuation and names one. */
    CommandOptions continuedBy(String line) {
        if (!ContinuedLine.continues(line) || !names.occursIn(line)) {
            return null;
        }
        Words words = Words.of(line);
        for (int i = words.size() - 1; i >= 0; i--) {
            for (CommandOptions command : commands) {
                if (!words.isSeparator(i) && command.named(words.program(i))) {
                    return command;
                }
            }
        }
        return null;
    }

    /** Reads a whole continuation line as more options of {@code command}. */
    String continuation(String line, CommandOptions command) {
        Spans spans = new Spans();
        options(command, Words.of(line), 0, true, spans);
        return spans.applyTo(line);
    }

    private static void options(CommandOptions command, Words words, int from, boolean continued, Spans spans) {
        int end = words.commandEnd(from);
        boolean afterSubcommand = command.subcommand() == null || continued;
        if (!afterSubcommand && !hasWord(words, from, end, command.subcommand())) {
            return;
        }
        int positional = 0;
        for (int j = from; j < end; j++) {
            String text = words.text(j);
            if (!afterSubcommand) {
                afterSubcommand = text.equals(command.subcommand());
                continue;
            }
            int equals = text.indexOf('=');
            String name = equals > 0 ? text.substring(0, equals) : text;
            if (command.longOptions().contains(name)) {
                if (equals > 0) {
                    secret(words, j, equals + 1, command.value(), spans);
                } else if (j + 1 < end) {
                    secret(words, ++j, 0, command.value(), spans);
                }
            } else if (text.length() >= 2 && text.charAt(0) == '-' && text.charAt(1) != '-') {
                j = shortOption(command, words, j, end, spans);
            } else if (!text.startsWith("-") && command.positional() >= 0 && equals < 0
                    && positional++ == command.positional()) {
                secret(words, j, 0, command.value(), spans);
            }
        }
    }

    /** A one-letter option, possibly in a cluster; answers the index of the last word it used. */
    private static int shortOption(CommandOptions command, Words words, int j, int end, Spans spans) {
        String text = words.text(j);
        for (int k = 1; k < text.length(); k++) {
            char letter = text.charAt(k);
            Glue glue = command.shortOptions().get(letter);
            if (glue != null) {
                if (k + 1 < text.length()) {
                    secret(words, j, k + 1, command.value(), spans);
                } else if (glue == Glue.SEPARATE_OR_GLUED && j + 1 < end) {
                    secret(words, j + 1, 0, command.value(), spans);
                    return j + 1;
                }
                return j;
            }
            if (command.clusterable() == null || command.clusterable().indexOf(letter) < 0) {
                return j;
            }
        }
        return j;
    }

    /** {@code htpasswd -b [-c] FILE USER PASSWORD}, {@code htpasswd -nb USER PASSWORD}. */
    private static void htpasswd(Words words, int from, Spans spans) {
        int end = words.commandEnd(from);
        StringBuilder flags = new StringBuilder();
        List<Integer> positionals = new ArrayList<>();
        for (int j = from; j < end; j++) {
            String text = words.text(j);
            if (text.startsWith("-")) {
                flags.append(text, 1, text.length());
            } else {
                positionals.add(j);
            }
        }
        int password = flags.indexOf("n") >= 0 ? 1 : 2;
        if (flags.indexOf("b") >= 0 && positionals.size() > password) {
            secret(words, positionals.get(password), 0, Value.WHOLE, spans);
        }
    }

    /** {@code echo PW | docker login --password-stdin}: the echoed words, when the next command reads a secret. */
    private static void piped(Words words, int from, Spans spans) {
        int end = words.commandEnd(from);
        if (end >= words.size() || !words.text(end).equals("|")) {
            return;
        }
        int nextEnd = words.commandEnd(end + 1);
        Value value = null;
        for (int j = end + 1; j < nextEnd && value == null; j++) {
            if (STDIN_SECRET_OPTIONS.contains(words.text(j))) {
                value = Value.WHOLE;
            } else if (j == end + 1 && STDIN_USER_PASSWORD.contains(words.program(j))) {
                value = Value.AFTER_USER;
            }
        }
        if (value == null) {
            return;
        }
        for (int j = from; j < end; j++) {
            String text = Words.unquote(words.text(j));
            if (!text.startsWith("-") && !text.contains("%")) {
                secret(words, j, 0, value, spans);
            }
        }
    }

    /** Adds the secret in word {@code j} from character {@code offset}, as {@code value} says where it is. */
    private static void secret(Words words, int j, int offset, Value value, Spans spans) {
        Words.Word word = words.get(j);
        if (word.separator()) {
            return;
        }
        String line = words.line();
        int end = word.end();
        int start = word.start() + offset;
        if (isQuoted(line, start, end)) {
            start++;
            end--;
        }
        String text = line.substring(start, end);
        switch (value) {
            case WHOLE -> {
            }
            case AFTER_USER -> {
                int colon = text.indexOf(':');
                if (colon < 0 || isUidGid(text, colon)) {
                    return;
                }
                start += colon + 1;
            }
            case AFTER_PASS_PREFIX -> {
                if (!text.startsWith("pass:")) {
                    return;
                }
                start += "pass:".length();
            }
        }
        if (isQuoted(line, start, end)) {
            start++; // user:'password'
            end--;
        }
        String secret = line.substring(start, end);
        if (!Markers.isNotASecret(secret)) {
            spans.add(start, end, KIND);
        }
    }

    private static boolean isQuoted(String line, int start, int end) {
        return end - start >= 2 && (line.charAt(start) == '"' || line.charAt(start) == '\'')
                && line.charAt(end - 1) == line.charAt(start);
    }

    private static boolean hasWord(Words words, int from, int end, String word) {
        for (int j = from; j < end; j++) {
            if (words.text(j).equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1000:1000}: a user and group id, not a user and password. */
    private static boolean isUidGid(String text, int colon) {
        return colon > 0 && text.chars().allMatch(c -> c == ':' || (c >= '0' && c <= '9'));
    }
}
