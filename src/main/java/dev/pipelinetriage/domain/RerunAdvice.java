package dev.pipelinetriage.domain;

import java.util.Locale;

/** Whether rerunning the job is likely to help: safe (transient), unsafe (may repeat side effects), never (fix first). */
public enum RerunAdvice {
    SAFE, UNSAFE, NEVER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RerunAdvice fromWireName(String name) {
        for (RerunAdvice r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rerun advice '" + name + "', expected safe, unsafe or never");
    }
}
