package dev.pipelinetriage.cli.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.app.evaluation.EvalCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a corpus folder of {@code <id>/log.txt} cases with their optional {@code expected.json}
 * ({@code gold_lines}, {@code repository}, {@code label}) and an optional labels CSV ({@code case_id,label,...}).
 */
final class EvalCases {

    /** Case ids such as {@code cd-project_1234}: the build number after the last underscore. */
    private static final Pattern BUILD_SUFFIX = Pattern.compile("_\\d+$");

    /** The last green run of the same job, beside a case's log when the corpus has it. */
    static final String PREVIOUS_SUCCESS = "previous-success.log";

    private EvalCases() {
    }

    static List<EvalCase> read(Path dir, Map<String, String> labels) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Path> folders;
        try (Stream<Path> children = Files.list(dir)) {
            folders = children.filter(d -> Files.isRegularFile(d.resolve("log.txt"))).sorted().toList();
        }
        List<EvalCase> cases = new ArrayList<>();
        for (Path folder : folders) {
            String id = folder.getFileName().toString();
            Path expectedFile = folder.resolve("expected.json");
            JsonNode expected = Files.isRegularFile(expectedFile) ? mapper.readTree(expectedFile.toFile()) : null;
            List<String> gold = null;
            String repository = null;
            String label = labels.get(id);
            if (expected != null) {
                if (expected.path("gold_lines").isArray()) {
                    gold = new ArrayList<>();
                    for (JsonNode line : expected.get("gold_lines")) {
                        gold.add(line.asText());
                    }
                }
                repository = expected.path("repository").isTextual() ? expected.get("repository").asText() : null;
                if (label == null && expected.path("label").isTextual()) {
                    label = expected.get("label").asText().strip().toLowerCase(Locale.ROOT);
                }
            }
            Path previous = folder.resolve(PREVIOUS_SUCCESS);
            cases.add(new EvalCase(id, repository != null ? repository : repositoryFromId(id), folder.resolve("log.txt"),
                    gold, label, Files.isRegularFile(previous) ? previous : null));
        }
        return cases;
    }

    /** A case's place in a cross-validation: its group (repository) and fold. */
    record Fold(String group, int fold) {
    }

    /**
     * A folds file ({@code set,case_id,group,fold} with a header line): each case's group and fold.
     *
     * @throws IllegalArgumentException naming the line that is not of that form
     */
    static Map<String, Fold> folds(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.getFirst().strip().equals("set,case_id,group,fold")) {
            throw new IllegalArgumentException(csv + ":1: expected the header set,case_id,group,fold");
        }
        Map<String, Fold> folds = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4 || cells[1].isBlank() || cells[2].isBlank() || !cells[3].strip().matches("\\d{1,3}")) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected set,case_id,group,fold, got '" + line + "'");
            }
            folds.put(cells[1].strip(), new Fold(cells[2].strip(), Integer.parseInt(cells[3].strip())));
        }
        return folds;
    }

    /** Without a {@code repository} field, the case id less its build number names the project. */
    static String repositoryFromId(String id) {
        return BUILD_SUFFIX.matcher(id).replaceFirst("");
    }

    /** {@code case_id,label[,...]} with a header line; labels are lower-cased. */
    static Map<String, String> labels(Path csv) throws IOException {
        Map<String, String> labels = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return labels;
        }
        List<String> header = cells(lines.getFirst().strip());
        int idColumn = header.indexOf("case_id");
        int labelColumn = header.indexOf("label");
        if (idColumn < 0 || labelColumn < 0) {
            throw new IllegalArgumentException(csv + ": the header needs the columns case_id and label, found "
                    + lines.getFirst().strip());
        }
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            if (cells.size() > Math.max(idColumn, labelColumn)) {
                labels.put(cells.get(idColumn).strip(), cells.get(labelColumn).strip().toLowerCase(Locale.ROOT));
            }
        }
        return labels;
    }

    /** One CSV record's cells; a quoted cell may hold commas and doubled quotes. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
