package dev.pipelinetriage.app.port;

import java.util.Map;
import java.util.Objects;

/**
 * The git repository the knowledge base lives in, on its code host: a proposal becomes a branch with the new files
 * and a pull request (GitHub) or merge request (GitLab) that curators review and merge as usual.
 */
public interface KnowledgeBaseRepository {

    /** The code host's name for what it opens: {@code pull request} or {@code merge request}. */
    String requestName();

    /** Creates {@code proposal.branch()} from the base branch with the files, then the request; never retried. */
    TrackerResult<Opened> open(Proposal proposal);

    /**
     * @param files repository paths and their text, all new
     */
    record Proposal(String branch, String title, String description, Map<String, String> files) {
        public Proposal {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            files = Map.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("a proposal adds at least one file");
            }
        }
    }

    /** @param url the request's web page */
    record Opened(String url) {
        public Opened {
            Objects.requireNonNull(url, "url");
        }
    }
}
