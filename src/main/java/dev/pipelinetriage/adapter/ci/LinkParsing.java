package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.domain.CiLink;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/** The part of link parsing every provider shares: strict parse, instance match, refusal to value. */
public final class LinkParsing {
    private LinkParsing() {
    }

    /** How one provider reads the path below its web URL. Throws {@link LinkRefusal} for bad links. */
    @FunctionalInterface
    public interface PathParser {
        CiLink parse(List<String> rawSegments, PastedUrl url);
    }

    public static LinkResult parse(String pasted, HttpUrl web, PathParser parser) {
        try {
            PastedUrl url = PastedUrl.parse(pasted);
            Optional<List<String>> below = url.below(web);
            if (below.isEmpty()) {
                return new LinkResult.NotThisInstance();
            }
            return new LinkResult.Parsed(parser.parse(below.get(), url));
        } catch (LinkRefusal refusal) {
            return new LinkResult.Refused(refusal.reason(), refusal.isOtherPage());
        } catch (IllegalArgumentException invalid) {
            // Domain validation of the extracted ids; the message names the field.
            return new LinkResult.Refused("the link's ids are not valid: " + invalid.getMessage());
        }
    }

    /**
     * Whether the link would parse as one of {@code web}'s run, build or job links if it were on {@code web}'s
     * scheme, host and port: its path read with the same rules, below the same path prefix or below none.
     */
    public static boolean hasShape(String pasted, HttpUrl web, PathParser parser) {
        PastedUrl url;
        try {
            url = PastedUrl.parse(pasted);
        } catch (LinkRefusal refusal) {
            return false;
        }
        HttpUrl moved = web.newBuilder().scheme(url.scheme()).host(url.host()).port(url.port()).build();
        HttpUrl bare = moved.newBuilder().encodedPath("/").build();
        return parse(pasted, moved, parser) instanceof LinkResult.Parsed || parse(pasted, bare, parser) instanceof LinkResult.Parsed;
    }
}
