package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.app.port.RerunResult;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where runs that built code from outside their repository (a pull or merge request from a fork) may still be rerun
 * from chat: an instance's {@code rerunForkRunsIn}, matched in any case. Elsewhere a provider refuses them with
 * {@link #refuse}, which says where to allow them.
 */
public record ForkReruns(String instance, Set<String> projects) {

    public ForkReruns {
        projects = projects.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static ForkReruns nowhere(String instance) {
        return new ForkReruns(instance, Set.of());
    }

    public boolean allowedIn(String project) {
        return projects.contains(project.toLowerCase(Locale.ROOT));
    }

    /** @param why what the run built and what a rerun would do, as a sentence without its full stop */
    public RerunResult.NotAllowed refuse(String why) {
        return new RerunResult.NotAllowed(why + "; the bot reruns such runs only in the repositories listed under "
                + "rerunForkRunsIn of CI instance '" + instance + "'.");
    }
}
