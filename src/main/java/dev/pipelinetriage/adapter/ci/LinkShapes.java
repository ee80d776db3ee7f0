package dev.pipelinetriage.adapter.ci;

import java.util.List;

/** Matches decoded path segments against a shape; "#" stands for any one segment, validated by the caller. */
public final class LinkShapes {
    private LinkShapes() {
    }

    public static boolean matches(List<String> segments, String... shape) {
        if (segments.size() != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (!shape[i].equals("#") && !shape[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }
}
