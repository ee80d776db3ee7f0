package dev.pipelinetriage.engine.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CI systems print around a job's steps: the echo of a command that starts one, and the lines that say
 * a step (or the whole job) failed. Each check starts with a cheap literal test so ordinary lines cost almost
 * nothing.
 */
final class StepMarkers {

    /** A failed step: the command it ran when the marker names it, and whether the marker is job-level. */
    record Failure(String command, boolean jobLevel) {
    }

    /** Travis: {@code The command "make test" exited with 2.} (also "failed and exited with"). */
    private static final Pattern TRAVIS_FAILED = Pattern.compile(
            "^The command \"(.*)\" (?:failed and )?exited with ([1-9]\\d*)\\.?");
    /** GitHub Actions, after its {@code ##[error]} prefix was read: {@code Process completed with exit code 1.} */
    private static final Pattern GITHUB_FAILED = Pattern.compile("^(?:Error: )?Process completed with exit code [1-9]\\d*");
    /** GitLab runner: {@code ERROR: Job failed: exit code 1} / {@code ERROR: Job failed (system failure): ...}. */
    private static final Pattern GITLAB_FAILED = Pattern.compile("^ERROR: Job failed\\b");
    /** Whole-job verdicts that name no step: Travis {@code Done. Your build exited with 1.}, Jenkins {@code Finished: FAILURE}. */
    private static final Pattern JOB_FAILED = Pattern.compile("^(?:Done\\. Your build exited with [1-9]\\d*|Finished: FAILURE)");
    /** A shell trace ({@code set -x}): {@code + mvn test}; a command word first, so diff lines ("+ * @param") are not read as one. */
    private static final Pattern SHELL_TRACE = Pattern.compile("^\\+{1,3} [A-Za-z_./~$][\\w./~${}:=-]*(?: |$)");
    /** Jenkins: a shell step's exit, a freestyle build step, or a declarative stage that failed. */
    private static final Pattern JENKINS_FAILED = Pattern.compile(
            "^(?:ERROR: script returned exit code [1-9]\\d*|Build step '[^']*' marked build as failure|"
                    + "Stage \"[^\"]*\" skipped due to earlier failure)");
    /** Azure Pipelines and other runners: {@code ##[error]Bash exited with code '1'.}, {@code Script failed with exit code: 1}. */
    private static final Pattern OTHER_FAILED = Pattern.compile(
            "^(?:\\S+ exited with code '[1-9]\\d*'\\.|Script failed with exit code: ?[1-9]\\d*|Command exited with code [1-9]\\d*)");
    /**
     * Step names that tidy up after the job's work (GitLab sections, Travis phases, GitHub post steps): an error
     * there is not why the job failed. Set-up steps (fetching sources, preparing the runner) are not among
     * them: a job that dies fetching its sources failed there.
     */
    private static final Pattern HOUSEKEEPING = Pattern.compile(
            "(?i)^(?:after_script|upload_artifacts.*|cleanup.*|cache.*|archive_cache|.*after_failure.*|Post .*|Complete job)$");

    private StepMarkers() {
    }

    /**
     * The command of a Travis-style echo ({@code $ make test}), or null. Shells and runners print these
     * before running a command; they start a step.
     */
    static String commandEcho(String text) {
        if (text.length() > 2 && text.charAt(0) == '$' && text.charAt(1) == ' ') {
            return text.substring(2).strip();
        }
        return null;
    }

    /**
     * The command of a shell trace ({@code + mvn test}, {@code set -x}), or null. Only read where the runner
     * does not echo its own commands: in a log with {@code $ cmd} echoes, {@code + } lines are a diff's or a
     * REPL's continuation lines.
     */
    static String shellTrace(String text) {
        if (text.length() > 2 && text.charAt(0) == '+' && SHELL_TRACE.matcher(text).find()) {
            int i = 0;
            while (text.charAt(i) == '+') {
                i++;
            }
            return text.substring(i).strip();
        }
        return null;
    }

    /** The step failure this line announces, or null. */
    static Failure failure(String text) {
        if (text.length() < 12) {
            return null;
        }
        char c = text.charAt(0);
        if (c == 'T' && text.startsWith("The command \"")) {
            Matcher m = TRAVIS_FAILED.matcher(text);
            return m.find() ? new Failure(m.group(1), false) : null;
        }
        if ((c == 'P' || c == 'E') && text.contains("Process completed with exit code")) {
            return GITHUB_FAILED.matcher(text).find() ? new Failure(null, false) : null;
        }
        if (c == 'E' && text.startsWith("ERROR: ")) {
            if (GITLAB_FAILED.matcher(text).find()) {
                return new Failure(null, true);
            }
            return JENKINS_FAILED.matcher(text).find() ? new Failure(null, false) : null;
        }
        if ((c == 'D' || c == 'F') && JOB_FAILED.matcher(text).find()) {
            return new Failure(null, true);
        }
        if ((c == 'B' || c == 'S') && JENKINS_FAILED.matcher(text).find()) {
            return new Failure(null, false);
        }
        if (text.contains("xited with code") || text.contains("failed with exit code")) {
            return OTHER_FAILED.matcher(text).find() ? new Failure(null, false) : null;
        }
        return null;
    }

    static boolean isHousekeeping(String stepName) {
        return stepName != null && HOUSEKEEPING.matcher(stepName.strip()).matches();
    }
}
