package dev.pipelinetriage.engine.redact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bot's own credentials, hidden by value wherever they show up, also in the encodings an error body or a log line
 * may carry them in: as read, URL-encoded, JSON- and XML-escaped, and inside base64 text at any of the three byte
 * alignments (the parts that do not depend on the bytes around them), as GitHub's runner hides the secrets it knows. A
 * value whose format no rule knows (a database password, a Jenkins API token) is hidden too.
 *
 * <p>Thread-safe: values are registered while the bot wires itself (and again if a secret is read anew) and read by
 * every redaction. Values shorter than {@value #MIN_LENGTH} characters are not kept: they would hide ordinary words.
 */
public final class KnownSecrets {

    static final int MIN_LENGTH = 8;
    static final String MARKER = Markers.of("credential");
    /** Enough for every credential a configuration can name; more would make every redaction slower. */
    private static final int MAX_VALUES = 64;

    /** Every form of every value, longest first (a form inside another is replaced after it). */
    private volatile List<String> forms = List.of();
    private final Set<String> values = new LinkedHashSet<>();

    /** Hides {@code value} from now on; ignored when too short, already known, or past the limit. */
    public synchronized void register(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH || values.size() >= MAX_VALUES
                || !values.add(value.strip())) {
            return;
        }
        Set<String> all = new LinkedHashSet<>(forms);
        all.addAll(formsOf(value.strip()));
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        forms = List.copyOf(sorted);
    }

    /** Whether no value is known: redaction then skips the search. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** {@code text} with every form of every known value replaced by the marker. */
    String hide(String text) {
        List<String> current = forms;
        String out = text;
        for (String form : current) {
            if (out.contains(form)) {
                out = out.replace(form, MARKER);
            }
        }
        return out;
    }

    /** The forms a value is searched in; those shorter than the minimum are left out. */
    static List<String> formsOf(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        forms.add(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;"));
        forms.add(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int skip = 0; skip < 3 && skip < bytes.length; skip++) {
            // From a 3-byte boundary inside the value to the last whole group: the same characters whatever precedes
            // or follows the value in the encoded text.
            byte[] aligned = Arrays.copyOfRange(bytes, skip, skip + (bytes.length - skip) / 3 * 3);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(aligned);
            forms.add(encoded);
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(aligned));
        }
        return forms.stream().filter(form -> form.length() >= MIN_LENGTH).toList();
    }
}
