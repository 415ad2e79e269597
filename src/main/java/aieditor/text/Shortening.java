package aieditor.text;

/** Shortening prose to a length without leaving half a word or a dangling "the" at the end. */
public final class Shortening {

    private Shortening() {
    }

    /**
     * Longest prefix of {@code s} of at most {@code max} chars that ends at a word boundary. A first word
     * longer than {@code max} is cut hard, because returning nothing would be worse.
     */
    public static String cutAtWord(String s, int max) {
        String t = Text.collapseBreaks(s);
        if (t.length() <= max) {
            return t;
        }
        if (max <= 0) {
            return "";
        }
        int cut = t.lastIndexOf(' ', max);
        if (cut <= 0) {
            int hard = Character.isLowSurrogate(t.charAt(max)) ? max - 1 : max;
            return t.substring(0, hard);
        }
        return t.substring(0, cut).trim();
    }

    /**
     * Removes what reads badly at the end of a shortened phrase: trailing punctuation and dangling stop
     * words ("... deal with the" -> "... deal"). Never returns empty if the input was not.
     */
    public static String trimDangling(String s) {
        String t = s.trim();
        while (!t.isEmpty()) {
            String before = t;
            t = t.replaceAll("[\\s,;:\\-–—/&(\\[{\"“‘'«+]+$", "");
            int sp = t.lastIndexOf(' ');
            if (sp > 0 && Words.isStopWord(t.substring(sp + 1))) {
                t = t.substring(0, sp).trim();
            }
            if (t.equals(before)) {
                break;
            }
        }
        return t.isEmpty() ? s.trim() : t;
    }

    /** Shortens to at most {@code max} chars at a word boundary, marking a cut with an ellipsis. */
    public static String withEllipsis(String s, int max) {
        String t = Text.collapseBreaks(s);
        if (t.length() <= max) {
            return t;
        }
        if (max <= 1) {
            return max == 1 ? "…" : "";
        }
        String cut = trimDangling(cutAtWord(t, max - 1));
        cut = cut.replaceAll("[.!?,;:]+$", "");
        return cut + "…";
    }
}
