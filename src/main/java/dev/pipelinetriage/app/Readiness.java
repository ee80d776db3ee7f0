package dev.pipelinetriage.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether this replica should get traffic: every check up and not draining. A load balancer stops sending work
 * as soon as a shutdown begins, while in-flight work finishes.
 */
public final class Readiness {

    /** @param detail for operators: what was checked and what it found (no secrets) */
    public record Check(String name, boolean up, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public record Report(boolean ready, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }
    }

    private final List<Supplier<Check>> checks;
    private final AtomicBoolean draining = new AtomicBoolean();

    /** @param checks each answers its own {@link Check}; one that throws counts as down */
    public Readiness(List<Supplier<Check>> checks) {
        this.checks = List.copyOf(checks);
    }

    /** From now on, never ready: the replica is shutting down. */
    public void drain() {
        draining.set(true);
    }

    public Report report() {
        List<Check> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            try {
                results.add(checks.get(i).get());
            } catch (RuntimeException e) {
                results.add(new Check("check" + i, false, "check failed: " + e.getMessage()));
            }
        }
        results.add(new Check("shutdown", !draining.get(), draining.get() ? "draining: finishing in-flight work"
                : "accepting work"));
        return new Report(results.stream().allMatch(Check::up), results);
    }
}
