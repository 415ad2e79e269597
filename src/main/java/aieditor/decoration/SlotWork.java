package aieditor.decoration;

import aieditor.model.Article;
import aieditor.model.Decoration;

import java.time.LocalDate;

/** One slot on its way through decoration: what it started from and what each stage made of it. */
public final class SlotWork {
    final LocalDate issueDate;
    final int slot;
    final Article article;
    /** The job decorating it, whom its model calls are for. */
    final String jobId;
    String cleaned;
    boolean cleanFallback;
    Decoration decoration;
    boolean boldFallback;

    SlotWork(LocalDate issueDate, int slot, Article article, String jobId) {
        this.issueDate = issueDate;
        this.slot = slot;
        this.article = article;
        this.jobId = jobId;
    }

    public int getSlot() {
        return slot;
    }

    public Decoration getDecoration() {
        return decoration;
    }

    public boolean isCleanFallback() {
        return cleanFallback;
    }

    public boolean isBoldFallback() {
        return boldFallback;
    }
}
