package dev.pipelinetriage.chat;

import java.util.Objects;

/**
 * A PNG picture that goes with a text (the health digest's verdicts-per-day chart).
 *
 * @param title what the picture shows, as a caption and alternative text
 * @param fileName the name a platform that uploads files gives it
 * @param png the image bytes
 */
public record Chart(String title, String fileName, byte[] png) {
    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fileName, "fileName");
        png = Objects.requireNonNull(png, "png").clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    /** The image's size in bytes, without copying it. */
    public int size() {
        return png.length;
    }
}
