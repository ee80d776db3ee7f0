package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFolderTest {

    @Test
    void flatLogAndTextFilesAndCaseFoldersAreListedByIdAndOtherFilesIgnored(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b-job.log"), "x");
        Files.writeString(dir.resolve("a-job.txt"), "x");
        Files.writeString(dir.resolve("notes.md"), "x");
        Files.createDirectories(dir.resolve("case-1"));
        Files.writeString(dir.resolve("case-1/log.txt"), "x");
        Files.createDirectories(dir.resolve("empty-case"));

        assertThat(LogFolder.list(dir)).extracting(LogFolder.LogFile::id).containsExactly("a-job", "b-job", "case-1");
    }
}
