package dev.pipelinetriage.app;

import java.util.List;

/** The knowledge base's own checks ({@code kb lint} and {@code kb test}) run on one drafted entry. */
public interface EntryCheck {

    /** What is wrong with the draft, in the words {@code kb lint} and {@code kb test} use; empty when it passes. */
    List<String> problems(EntryDraft draft);
}
