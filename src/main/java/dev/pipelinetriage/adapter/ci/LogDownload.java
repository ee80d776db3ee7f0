package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.engine.normalize.LogPacking;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;
import okhttp3.Response;

/** Reads a successful log response through {@link LogCapture}; a gzip body is read through, a zip archive refused. */
public final class LogDownload {
    private LogDownload() {
    }

    /**
     * @param cutAtSource recognises the CI's own "log truncated" marker in the kept tail
     */
    public static JobLog capture(Response response, JobRef job, long maxBytes, Predicate<LogCapture.Captured> cutAtSource)
            throws IOException {
        try (InputStream in = LogPacking.unpacked(response.body().byteStream())) {
            LogCapture.Captured captured = LogCapture.read(in, maxBytes);
            return new JobLog(job, captured.lines(), captured.capped(), cutAtSource.test(captured),
                    captured.sourceBytes());
        }
    }
}
