package dev.pipelinetriage.adapter.ci.github;

import dev.pipelinetriage.adapter.ci.Ids;
import dev.pipelinetriage.adapter.ci.LinkRefusal;
import dev.pipelinetriage.adapter.ci.LinkShapes;
import dev.pipelinetriage.adapter.ci.PastedUrl;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import java.util.List;

/**
 * GitHub Actions link shapes, below the instance's web URL:
 * <ul>
 *   <li>{@code OWNER/REPO/actions/runs/RUN} and {@code .../attempts/N}: a run (attempt)</li>
 *   <li>{@code OWNER/REPO/actions/runs/RUN/job/JOB} (with or without {@code #step:S:L}), {@code .../jobs/JOB}</li>
 *   <li>{@code OWNER/REPO/runs/JOB} (check run) and {@code OWNER/REPO/runs/RUN/jobs/JOB} (API {@code html_url})</li>
 *   <li>{@code OWNER/REPO/pull/N/checks?check_run_id=JOB} (PR checks tab)</li>
 *   <li>{@code OWNER/REPO/commit/SHA/checks/JOB}</li>
 * </ul>
 */
final class GitHubLinks {
    private final String instance;

    GitHubLinks(String instance) {
        this.instance = instance;
    }

    CiLink parse(List<String> raw, PastedUrl url) {
        List<String> s = raw.stream().map(PastedUrl::decode).toList();
        if (s.size() < 3) {
            throw LinkRefusal.otherPage("GitHub link not recognised: expected OWNER/REPO/actions/runs/RUN_ID, a job link or a "
                    + "pull request checks link");
        }
        String project = Ids.slug(s.get(0), "owner") + "/" + Ids.slug(s.get(1), "repository");
        List<String> rest = s.subList(2, s.size());
        if (LinkShapes.matches(rest, "actions", "runs", "#")) {
            return CiLink.toRun(run(project, rest.get(2), 0));
        }
        if (LinkShapes.matches(rest, "actions", "runs", "#", "attempts", "#")) {
            return CiLink.toRun(run(project, rest.get(2), attempt(rest.get(4))));
        }
        if (LinkShapes.matches(rest, "actions", "runs", "#", "job", "#") || LinkShapes.matches(rest, "actions", "runs", "#", "jobs", "#")) {
            return CiLink.toJob(run(project, rest.get(2), 0), Ids.number(rest.get(4), "job id"));
        }
        if (LinkShapes.matches(rest, "runs", "#")) {
            return CiLink.toJobOnly(instance, CiKind.GITHUB, project, Ids.number(rest.get(1), "check run id"));
        }
        if (LinkShapes.matches(rest, "runs", "#", "jobs", "#")) {
            return CiLink.toJob(run(project, rest.get(1), 0), Ids.number(rest.get(3), "job id"));
        }
        if (LinkShapes.matches(rest, "pull", "#", "checks")) {
            String checkRun = url.query().get("check_run_id");
            if (checkRun == null) {
                throw new LinkRefusal("this pull request checks link names no check; open the failed check and paste "
                        + "that link (it has ?check_run_id=...)");
            }
            Ids.number(rest.get(1), "pull request number");
            return CiLink.toJobOnly(instance, CiKind.GITHUB, project, Ids.number(checkRun, "check_run_id"));
        }
        if (rest.size() == 4 && rest.get(0).equals("commit") && rest.get(1).matches("[0-9a-f]{7,40}")
                && rest.get(2).equals("checks")) {
            return CiLink.toJobOnly(instance, CiKind.GITHUB, project, Ids.number(rest.get(3), "check run id"));
        }
        throw LinkRefusal.otherPage("GitHub link not recognised: expected OWNER/REPO/actions/runs/RUN_ID[/attempts/N]"
                + "[/job/JOB_ID], OWNER/REPO/runs/JOB_ID or OWNER/REPO/pull/N/checks?check_run_id=JOB_ID");
    }

    private RunRef run(String project, String runId, int attempt) {
        return new RunRef(instance, CiKind.GITHUB, project, Ids.number(runId, "run id"), attempt);
    }

    private static int attempt(String value) {
        String n = Ids.number(value, "attempt");
        if (n.length() > 4) {
            throw new LinkRefusal("attempt must be a small positive number");
        }
        return Integer.parseInt(n);
    }
}
