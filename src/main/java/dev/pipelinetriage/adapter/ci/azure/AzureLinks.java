package dev.pipelinetriage.adapter.ci.azure;

import dev.pipelinetriage.adapter.ci.Ids;
import dev.pipelinetriage.adapter.ci.LinkRefusal;
import dev.pipelinetriage.adapter.ci.LinkShapes;
import dev.pipelinetriage.adapter.ci.PastedUrl;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Azure Pipelines link shapes, below the organization or collection URL ({@code https://dev.azure.com/ORG},
 * {@code https://ORG.visualstudio.com}, {@code https://HOST/tfs/COLLECTION}):
 * {@code PROJECT/_build/results?buildId=N} (a build), with {@code &view=logs&j=JOB_ID[&t=TASK_ID]} (a job's
 * log), and the API's {@code PROJECT/_apis/build/builds/N[/logs/L]}.
 */
final class AzureLinks {
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String instance;

    AzureLinks(String instance) {
        this.instance = instance;
    }

    CiLink parse(List<String> raw, PastedUrl url) {
        List<String> s = raw.stream().map(PastedUrl::decode).toList();
        if (s.isEmpty()) {
            throw LinkRefusal.otherPage("Azure Pipelines link not recognised: expected PROJECT/_build/results?buildId=N");
        }
        String project = s.get(0).strip();
        if (!PROJECT.matcher(project).matches() || project.endsWith(".")) {
            throw new LinkRefusal("Azure DevOps project '" + Ids.abbreviate(project) + "' is not a valid name");
        }
        List<String> rest = s.subList(1, s.size());
        if (LinkShapes.matches(rest, "_build", "results")) {
            RunRef run = run(project, url.query().get("buildId"));
            String job = url.query().get("j");
            if (job == null) {
                return CiLink.toRun(run);
            }
            if (!GUID.matcher(job).matches()) {
                throw new LinkRefusal("the link's job id (j=) is not a GUID");
            }
            return CiLink.toJob(run, job.toLowerCase(java.util.Locale.ROOT));
        }
        if (LinkShapes.matches(rest, "_apis", "build", "builds", "#") || LinkShapes.matches(rest, "_apis", "build", "builds", "#", "logs", "#")) {
            return CiLink.toRun(run(project, rest.get(3)));
        }
        throw LinkRefusal.otherPage("Azure Pipelines link not recognised: expected PROJECT/_build/results?buildId=N");
    }

    private RunRef run(String project, String buildId) {
        return new RunRef(instance, CiKind.AZURE, project, Ids.number(buildId, "buildId"), 0);
    }
}
