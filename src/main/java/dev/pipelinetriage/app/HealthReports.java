package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.ChartRenderer;
import dev.pipelinetriage.app.port.FeedbackStore;
import dev.pipelinetriage.app.port.TicketDirectory;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the {@link HealthReport} of the last period from the triage history, feedback and audit log. */
public final class HealthReports {
    static final int TOP = 5;
    /** Audit entries read to find the period's reruns; far more than a week of reruns. */
    private static final int AUDIT_WINDOW = 10_000;

    private final TriageHistory history;
    private final FeedbackStore store;
    private final AuditLog audit;
    private final TicketDirectory tickets;
    private final Clock clock;

    public HealthReports(TriageHistory history, FeedbackStore store, AuditLog audit, TicketDirectory tickets, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The report of the {@code period} that ends now. */
    public HealthReport last(Duration period) {
        Instant to = clock.instant();
        Instant from = to.minus(period);
        List<TriageRecord> records = history.since(from).stream().filter(r -> !r.at().isAfter(to)).toList();

        Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            byVerdict.put(v, 0);
        }
        records.forEach(r -> byVerdict.merge(r.verdict(), 1, Integer::sum));
        int explained = (int) records.stream().filter(r -> r.knownError() != null).count();

        Map<String, Long> feedback = store.feedbackCounts();
        Map<String, Long> reruns = new TreeMap<>(audit.latest(AUDIT_WINDOW).stream()
                .filter(e -> e.action().equals(RerunService.ACTION) && !e.at().isBefore(from) && !e.at().isAfter(to))
                .collect(Collectors.groupingBy(AuditEntry::outcome, Collectors.counting())));

        return new HealthReport(from, to, records.size(), byVerdict, groups(records), explained,
                groups(records.stream().filter(r -> r.knownError() == null).toList()),
                feedback.getOrDefault("helpful", 0L), feedback.getOrDefault("not_right", 0L), reruns,
                days(records, from, to));
    }

    /** Signatures by occurrences, most first (ties by signature, so the report is stable). */
    private List<HealthReport.Recurring> groups(List<TriageRecord> records) {
        Map<String, List<TriageRecord>> bySignature = records.stream()
                .collect(Collectors.groupingBy(TriageRecord::signature, LinkedHashMap::new, Collectors.toList()));
        return bySignature.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<TriageRecord>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .map(e -> {
                    List<TriageRecord> group = e.getValue();
                    TriageRecord first = group.getFirst();
                    String title = first.knownError() != null ? first.knownError()
                            : first.keyLine().isEmpty() ? "(no error line found)" : first.keyLine();
                    int repositories = (int) group.stream().map(r -> r.instance() + "/" + r.project()).distinct().count();
                    return new HealthReport.Recurring(e.getKey(), title, mostCommonVerdict(group), group.size(),
                            repositories, tickets.ticketFor(e.getKey()).orElse(null), group.getLast().link());
                })
                .toList();
    }

    private static Verdict mostCommonVerdict(List<TriageRecord> group) {
        return group.stream().collect(Collectors.groupingBy(TriageRecord::verdict, () -> new EnumMap<>(Verdict.class),
                        Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static List<ChartRenderer.Day> days(List<TriageRecord> records, Instant from, Instant to) {
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
        Map<LocalDate, Map<Verdict, Integer>> counts = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            counts.put(d, new EnumMap<>(Verdict.class));
        }
        for (TriageRecord r : records) {
            counts.computeIfAbsent(r.at().atZone(ZoneOffset.UTC).toLocalDate(), d -> new EnumMap<>(Verdict.class))
                    .merge(r.verdict(), 1, Integer::sum);
        }
        List<ChartRenderer.Day> days = new ArrayList<>();
        counts.forEach((date, byVerdict) -> days.add(new ChartRenderer.Day(date, byVerdict)));
        return days;
    }
}
