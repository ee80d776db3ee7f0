package dev.pipelinetriage.engine.redact;

import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.ArrayList;
import java.util.List;

/**
 * Every prefixed token format of the inventory in one scan: one automaton pass says which prefixes occur in a line,
 * then each occurrence is checked against its formats' alphabet and length by hand, without a regex. Where two
 * formats share a start ({@code sk-} and {@code sk-ant-api03-}) the longer token wins.
 *
 * <p>Its trigger is {@link Trigger#always()}: some prefixes ({@code s.}, {@code sk-}) occur in most lines, and would
 * send every line through every rule if they joined the redactor's shared trigger literals; the automaton pass here
 * is as cheap as that shared check.
 */
final class PrefixedTokens implements Rule {

    private final List<String> prefixes;
    /** Per prefix (by index), the formats that start with it. */
    private final List<List<TokenFormat>> formats;
    private final LiteralAutomaton automaton;
    private final Trigger trigger;

    PrefixedTokens(List<TokenFormat> inventory) {
        List<String> distinct = new ArrayList<>();
        List<List<TokenFormat>> byPrefix = new ArrayList<>();
        for (TokenFormat format : inventory) {
            int index = distinct.indexOf(format.prefix());
            if (index < 0) {
                distinct.add(format.prefix());
                byPrefix.add(new ArrayList<>());
                index = distinct.size() - 1;
            }
            byPrefix.get(index).add(format);
        }
        this.prefixes = List.copyOf(distinct);
        this.formats = byPrefix.stream().map(List::copyOf).toList();
        this.automaton = new LiteralAutomaton(prefixes);
        this.trigger = Trigger.always();
    }

    @Override
    public String apply(String line, String lowerLine) {
        int[] found = automaton.find(line);
        if (found.length == 0) {
            return line;
        }
        Spans spans = new Spans();
        for (int id : found) {
            String prefix = prefixes.get(id);
            int at = line.indexOf(prefix);
            while (at >= 0) {
                // An occurrence inside the body just read belongs to it: skipping it keeps "ghs_ghs_ghs_..." linear.
                int next = at + 1;
                if (Glue.tokenMayStartAt(line, at)) {
                    for (TokenFormat format : formats.get(id)) {
                        next = Math.max(next, format.body().runEnd(line, at + prefix.length()));
                        int end = format.end(line, at);
                        if (end > 0) {
                            spans.add(at, end, format.kind());
                        }
                    }
                }
                at = line.indexOf(prefix, next);
            }
        }
        return spans.applyTo(line);
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }
}
