package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fallback when no known error matches: broad signs of code, platform and flaky failures. Deliberately
 * generic (any project, any ecosystem); the knowledge base carries the specific knowledge.
 */
final class GenericSignals {

    private static final List<GenericSignal> SIGNALS = List.of(
            // Code: the change broke compilation, tests or lint. Compilers print a lower-case "error: "; an
            // upper-case "ERROR: " is a runner's or logger's prefix ("ERROR: Job failed: exit code 1").
            GenericSignal.of("compile error", Verdict.CODE, 5,
                    "(?i)^\\S*[\\w/\\\\.-]+\\.[a-z]{1,6}[:(]\\d+(?:[:,]\\d+)?\\)?:? ?-? ?(?:fatal )?error\\b|error TS\\d{3,5}:|(?-i:^error(?:\\[E\\d{4}\\])?: )|error (?:CS|FS|BC)\\d{3,5}|COMPILATION ERROR|cannot find symbol|undefined reference to|SyntaxError|is not defined|has no attribute|No such file or directory.*\\.h\\b"),
            GenericSignal.of("test failure", Verdict.CODE, 4,
                    "(?i)(?:^--- FAIL: |^FAIL[: \\t]|\\*\\*\\* FAILED \\*\\*\\*|<<< FAILURE!|Tests run: \\d+, Failures: [1-9]|Tests run: \\d+, Failures: \\d+, Errors: [1-9]|AssertionError|AssertionFailedError|assert(?:ion)? failed|expected:? .{0,200}but (?:was|got)|^E {3}|^not ok \\d+|\\b[1-9]\\d* (?:failed|failing)\\b|Failure/Error:|test result: FAILED|There (?:was|were) \\d+ failures?)"),
            GenericSignal.of("lint", Verdict.CODE, 4,
                    "(?i)(?:\\d+ offen[cs]es? detected|\\d+ problems? \\(\\d+ errors?|would reformat|checkstyle|code style|\\blint(?:er|ing)?\\b.*(?:fail|error)|gofmt|rustfmt|clippy|flake8|eslint|prettier|spotless)"),
            GenericSignal.of("runtime exception", Verdict.CODE, 2,
                    "(?:^|\\s)(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*Exception\\b|panicked at|^panic: |Traceback \\(most recent call last\\)"),
            // Platform: the runner, network, registry, credentials, disk or memory.
            GenericSignal.of("network", Verdict.PLATFORM, 5,
                    "(?i)(?:could not resolve host|temporary failure in name resolution|name or service not known|getaddrinfo|EAI_AGAIN|ENOTFOUND|connection (?:reset|refused|timed out)|ECONNRESET|ECONNREFUSED|ETIMEDOUT|network is unreachable|no route to host|read timed out|connect timed? ?out|TLS handshake timeout|SSL(?:Error|Exception)|certificate verify failed|unexpected EOF|broken pipe|remote end hung up|early EOF|(?:could not|couldn't|unable to|failed to|cannot|can't) (?:connect|(?:create|establish|open|make) (?:a |the )?connection)|Operation timed out|socket hang up)"),
            GenericSignal.of("registry", Verdict.PLATFORM, 5,
                    "(?i)(?:\\b(?:502|503|504) (?:Bad Gateway|Service Unavailable|Gateway Time-?out)|\\b429 Too Many Requests|toomanyrequests|rate limit(?:ed)? exceeded|Could not transfer artifact|Could not GET|Could not HEAD|Failed to fetch|Hash Sum mismatch|Unable to fetch some archives|Failed to download|download failed|returned error: 5\\d\\d|HTTP (?:status|Error) 5\\d\\d|status code 5\\d\\d)"),
            // git could not fetch what the job checks out or pushes (the remote, a branch, objects).
            GenericSignal.of("git fetch", Verdict.PLATFORM, 5,
                    "(?i)(?:fatal: (?:unable to access|could not read from remote repository|couldn't find remote ref|remote branch .{1,200} not found in upstream|bad object)|error: failed to fetch some objects)"),
            // A package archive no longer offers what the build pins (conda channels, Emacs package archives).
            GenericSignal.of("package unavailable", Verdict.PLATFORM, 5,
                    "(?i)(?:packages? (?:are|is) not available from|not available from (?:the )?current channels|No version of \\S+ .{0,40}is available)"),
            // A signature or signing key is missing or invalid (apt's "GPG error: ... invalid signature", a package's
            // detached .sig the server no longer has): the package source's fault, not the change's.
            GenericSignal.of("package signature", Verdict.PLATFORM, 5,
                    "(?i)(?:\\b(?:GPG|signatures?|sig|pubkey|public key|keyring)\\b.{0,80}\\b(?:not found|404|invalid|not available"
                            + "|expired|could not be verified|couldn't be verified)\\b|\\b(?:invalid|bad|expired) signatures?\\b)"),
            // The connection to something the job drove remotely dropped: a browser in a device cloud, the runner's
            // pod, an agent. Weighed below the code signs, so a test merely named after a disconnection stays a
            // test failure.
            GenericSignal.of("remote side lost", Verdict.PLATFORM, 4,
                    "(?i)\\b(?:disconnected|connection (?:was )?lost|lost (?:the )?connection)\\b"),
            GenericSignal.of("disk or memory", Verdict.PLATFORM, 6,
                    "(?i)(?:no space left on device|ENOSPC|disk quota exceeded|out of memory|OOMKilled|Cannot allocate memory|Java heap space|JavaScript heap out of memory|exit code 137|signal: killed|(?-i:(?:^|\\s)Killed(?:\\s|$))|GC overhead limit exceeded|too many open files)"),
            GenericSignal.of("runner", Verdict.PLATFORM, 6,
                    "(?i)(?:lost communication with the server|runner has received a shutdown signal|The operation was canceled|stopped hearing from agent|runner system failure|ERROR: Job failed \\(system failure\\)|exceeded the maximum time limit|No output has been received in the last|job exceeded|agent went offline|channel is closed|ChannelClosedException|RemovedFromQueue|The hosted runner|timed out after \\d+ minutes|execution expired|Waiting for a runner)"),
            GenericSignal.of("credentials", Verdict.PLATFORM, 4,
                    "(?i)(?:Permission denied \\(publickey\\)|authentication (?:failed|required)|\\b401 Unauthorized|\\b403 Forbidden|access denied|invalid (?:token|credentials)|bad credentials|expired token|token (?:has )?expired)"),
            // Flaky: the same commit would likely pass on a rerun.
            GenericSignal.of("flaky test", Verdict.FLAKY, 5,
                    "(?i)(?:address already in use|EADDRINUSE|port is already allocated|\\bflak(?:y|iness)\\b|intermittent|timed? ?out waiting for|timeout waiting for|SessionNotCreatedException|session not created|chrome not reachable|DevToolsActivePort|Test timed out|deadline exceeded|race condition|StaleElementReference|could not start (?:browser|driver))"));

    private GenericSignals() {
    }

    /** The strongest generic signal on the line, if any. */
    static Optional<GenericSignal> strongest(String text) {
        return strongest(text, Set.of());
    }

    /** The strongest generic signal on the line among those not named in {@code without} (held out). */
    static Optional<GenericSignal> strongest(String text, Set<String> without) {
        GenericSignal best = null;
        for (GenericSignal s : SIGNALS) {
            if ((best == null || s.weight() > best.weight()) && !without.contains(s.name())
                    && s.pattern().matcher(text).find()) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }
}
