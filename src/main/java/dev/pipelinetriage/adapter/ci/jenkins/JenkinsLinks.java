package dev.pipelinetriage.adapter.ci.jenkins;

import dev.pipelinetriage.adapter.ci.Ids;
import dev.pipelinetriage.adapter.ci.LinkRefusal;
import dev.pipelinetriage.adapter.ci.PastedUrl;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jenkins link shapes, below the instance's web URL (which may carry a prefix such as {@code /jenkins}):
 * <ul>
 *   <li>classic: {@code [view/V/]job/A[/job/B...]/N[/console|consoleFull|consoleText|pipeline-console|
 *       pipeline-graph|pipeline-overview|flowGraphTable|execution/node/ID/...|display/redirect]}; folders and
 *       multibranch branches are nested {@code job/} segments; a branch {@code feature/x} appears as
 *       {@code feature%252Fx}</li>
 *   <li>Blue Ocean: {@code blue/organizations/jenkins/FOLDER%2FPIPELINE/detail/BRANCH/N/pipeline[/NODE]}</li>
 * </ul>
 */
final class JenkinsLinks {
    /** A job name as Jenkins stores it; multibranch encodes a branch's '/' as the literal text %2F. */
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9._@+ ()-]|%2F)+");
    private static final Set<String> BUILD_PAGES = Set.of("console", "consoleFull", "consoleText", "pipeline-console",
            "pipeline-graph", "pipeline-overview", "flowGraphTable", "execution", "display", "changes", "testReport",
            "artifact", "parameters", "timestamps", "stages", "wfapi");

    private final String instance;

    JenkinsLinks(String instance) {
        this.instance = instance;
    }

    CiLink parse(List<String> raw, PastedUrl url) {
        if (raw.size() >= 3 && raw.get(0).equals("blue") && raw.get(1).equals("organizations")) {
            return blueOcean(raw);
        }
        List<String> s = raw.stream().map(PastedUrl::decode).toList();
        int i = 0;
        while (i + 1 < s.size() && s.get(i).equals("view")) {
            i += 2;
        }
        List<String> names = new ArrayList<>();
        while (i + 1 < s.size() && s.get(i).equals("job")) {
            names.add(name(s.get(i + 1)));
            i += 2;
        }
        if (names.isEmpty() || i >= s.size()) {
            throw LinkRefusal.otherPage("Jenkins link not recognised: expected .../job/NAME/BUILD_NUMBER/ (optionally "
                    + "/console), or a Blue Ocean .../detail/BRANCH/BUILD_NUMBER/pipeline link");
        }
        String number = s.get(i);
        if (!number.matches("[0-9]+")) {
            throw LinkRefusal.otherPage("Jenkins link names no build number (got '" + Ids.abbreviate(number)
                    + "'): open the failed build and paste its link");
        }
        List<String> page = s.subList(i + 1, s.size());
        if (!page.isEmpty() && !BUILD_PAGES.contains(page.get(0))) {
            throw LinkRefusal.otherPage("Jenkins link not recognised: unknown build page '" + Ids.abbreviate(page.get(0)) + "'");
        }
        return build(names, number);
    }

    private CiLink blueOcean(List<String> raw) {
        // blue/organizations/jenkins/PIPELINE/detail/BRANCH_OR_NAME/N/(pipeline|tests|changes|artifacts)[/NODE]
        if (raw.size() < 7 || !raw.get(2).equals("jenkins") || !raw.get(4).equals("detail")) {
            throw LinkRefusal.otherPage("Blue Ocean link not recognised: expected blue/organizations/jenkins/PIPELINE/detail/"
                    + "BRANCH/BUILD_NUMBER/pipeline");
        }
        // Blue Ocean encodes folder separators in the pipeline segment as %2F: decode exactly once, then split.
        List<String> names = new ArrayList<>();
        for (String part : PastedUrl.percentDecode(raw.get(3)).split("/", -1)) {
            names.add(name(part));
        }
        String detail = PastedUrl.percentDecode(raw.get(5));
        if (!detail.equals(names.getLast())) {
            // Multibranch: the branch is one more job level, its '/' stored as %2F in the job name.
            names.add(name(detail.replace("/", "%2F")));
        }
        String number = raw.get(6);
        if (!number.matches("[0-9]+")) {
            throw LinkRefusal.otherPage("Blue Ocean link names no build number");
        }
        return build(names, number);
    }

    private CiLink build(List<String> names, String number) {
        return CiLink.toRun(new RunRef(instance, CiKind.JENKINS, String.join("/", names), Ids.number(number, "build number"), 0));
    }

    private static String name(String value) {
        if (value.equals(".") || value.equals("..") || !NAME.matcher(value).matches() || value.length() > 200) {
            throw new LinkRefusal("Jenkins job name '" + Ids.abbreviate(value) + "' is not valid");
        }
        return value;
    }
}
