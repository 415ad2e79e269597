package aieditor.text;

import java.util.Set;

/** The Jaccard index, shared words over all words, 0..1; two sets of which one is empty share nothing. */
public final class Jaccard {

    private Jaccard() {
    }

    public static double of(Set<?> a, Set<?> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        int common = 0;
        for (Object item : a) {
            if (b.contains(item)) {
                common++;
            }
        }
        return index(common, a.size(), b.size());
    }

    /** The same on two ascending arrays of distinct word numbers, which the deduplicator's index keeps per title. */
    public static double ofSorted(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0.0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return index(common, a.length, b.length);
    }

    private static double index(int common, int sizeA, int sizeB) {
        return (double) common / (sizeA + sizeB - common);
    }
}
