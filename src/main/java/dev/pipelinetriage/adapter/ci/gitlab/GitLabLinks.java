package dev.pipelinetriage.adapter.ci.gitlab;

import dev.pipelinetriage.adapter.ci.Ids;
import dev.pipelinetriage.adapter.ci.LinkRefusal;
import dev.pipelinetriage.adapter.ci.LinkShapes;
import dev.pipelinetriage.adapter.ci.PastedUrl;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import java.util.List;

/**
 * GitLab link shapes, below the instance's web URL, for projects in nested groups:
 * {@code GROUP[/SUBGROUP...]/PROJECT/-/pipelines/ID} (also {@code /builds}, {@code /failures},
 * {@code /test_report}) and {@code GROUP[/SUBGROUP...]/PROJECT/-/jobs/ID} (also {@code /raw}).
 */
final class GitLabLinks {
    private final String instance;

    GitLabLinks(String instance) {
        this.instance = instance;
    }

    CiLink parse(List<String> raw, PastedUrl url) {
        List<String> s = raw.stream().map(PastedUrl::decode).toList();
        int dash = s.indexOf("-");
        if (dash < 2) {
            throw LinkRefusal.otherPage("GitLab link not recognised: expected GROUP/PROJECT/-/pipelines/ID or "
                    + "GROUP/PROJECT/-/jobs/ID");
        }
        StringBuilder project = new StringBuilder();
        for (String part : s.subList(0, dash)) {
            project.append(project.isEmpty() ? "" : "/").append(Ids.slug(part, "group or project"));
        }
        List<String> rest = s.subList(dash + 1, s.size());
        if (rest.size() >= 2 && rest.get(0).equals("pipelines") && (rest.size() == 2 || LinkShapes.matches(rest.subList(2,
                rest.size()), "#") && List.of("builds", "failures", "test_report", "dag").contains(rest.get(2)))) {
            return CiLink.toRun(new RunRef(instance, CiKind.GITLAB, project.toString(),
                    Ids.number(rest.get(1), "pipeline id"), 0));
        }
        if (rest.size() >= 2 && rest.get(0).equals("jobs") && (rest.size() == 2 || LinkShapes.matches(rest, "jobs", "#", "raw"))) {
            return CiLink.toJobOnly(instance, CiKind.GITLAB, project.toString(), Ids.number(rest.get(1), "job id"));
        }
        throw LinkRefusal.otherPage("GitLab link not recognised: expected GROUP/PROJECT/-/pipelines/ID or GROUP/PROJECT/-/jobs/ID");
    }
}
