package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.CiLink;
import java.util.Objects;

/** The outcome of parsing a pasted link against one configured instance. */
public sealed interface LinkResult {

    record Parsed(CiLink link) implements LinkResult {
        public Parsed {
            Objects.requireNonNull(link, "link");
        }
    }

    /** The link's host (and port, and path prefix) is not this instance's web URL. */
    record NotThisInstance() implements LinkResult {
    }

    /**
     * The link is for this instance (or is unsafe), but cannot be used; {@code reason} says why, for people.
     *
     * @param otherPage the link is to a page of the instance that is no run, build or job at all (a repository, a
     *     merge request), rather than a broken or unsafe run link
     */
    record Refused(String reason, boolean otherPage) implements LinkResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        public Refused(String reason) {
            this(reason, false);
        }
    }
}
