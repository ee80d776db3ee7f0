package dev.pipelinetriage.adapter.ci;

import java.util.Objects;

/**
 * What a request was for, in words for people, and the token scope it needs: the two things an actionable
 * error message has to name.
 *
 * @param what e.g. "the log of job 42 in octo-org/octo-repo"
 * @param scope e.g. "actions:read (fine-grained token or GitHub App) or repo (classic token)"
 */
public record Ask(String what, String scope) {
    public Ask {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(scope, "scope");
    }
}
