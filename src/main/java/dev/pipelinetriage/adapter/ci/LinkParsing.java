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
}
