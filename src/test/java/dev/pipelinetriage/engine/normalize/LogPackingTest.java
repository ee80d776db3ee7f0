package dev.pipelinetriage.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class LogPackingTest {
    private static final byte[] LOG = "##[group]Run make\nerror: it broke\n".getBytes(StandardCharsets.UTF_8);

    private static byte[] read(byte[] packed) throws IOException {
        return LogPacking.unpacked(new ByteArrayInputStream(packed)).readAllBytes();
    }

    @Test
    void plainTextComesThroughByteForByte() throws IOException {
        assertThat(read(LOG)).isEqualTo(LOG);
    }

    @Test
    void textShorterThanTheMagicComesThroughToo() throws IOException {
        assertThat(read("P".getBytes(StandardCharsets.US_ASCII))).containsExactly('P');
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void aGzipStreamIsReadThrough() throws IOException {
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(LOG);
        }

        assertThat(read(gz.toByteArray())).isEqualTo(LOG);
    }

    @Test
    void aZipArchiveIsRefusedByName() throws IOException {
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("1_build.txt"));
            out.write(LOG);
        }

        assertThatThrownBy(() -> read(zip.toByteArray())).isInstanceOf(LogPacking.ZipArchiveException.class)
                .hasMessageContaining("zip archive");
    }

    @Test
    void anEmptyZipArchiveIsRefusedToo() throws IOException {
        var zip = new ByteArrayOutputStream();
        new ZipOutputStream(zip).close();

        assertThatThrownBy(() -> read(zip.toByteArray())).isInstanceOf(LogPacking.ZipArchiveException.class);
    }

    @Test
    void textThatMerelyStartsWithPkIsText() throws IOException {
        byte[] text = "PK tests failed\n".getBytes(StandardCharsets.UTF_8);

        assertThat(read(text)).isEqualTo(text);
    }
}
