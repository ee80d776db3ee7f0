package dev.pipelinetriage.domain;

import java.util.Locale;

/** The CI products the bot can read logs from and rerun jobs on. */
public enum CiKind {
    GITHUB, GITLAB, JENKINS, AZURE;

    /** The lower-case name used in configuration files and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CiKind fromWireName(String name) {
        for (CiKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown CI type '" + name + "', expected github, gitlab, jenkins or azure");
    }
}
