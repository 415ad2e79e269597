package aieditor.ai.offline;

import aieditor.ai.ImageProvider;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Draws a typographic "story card" instead of calling an image model: free, instant and deterministic, so the
 * pipeline and its tests run without keys or network. Needs only headless Java2D (no display).
 */
public final class OfflineImageProvider implements ImageProvider {

    /*
     * Hand-picked dark-to-darker pairs: white bold text stays readable on all of them, and a source always gets
     * the same pair so readers learn to recognise it. Kept muted on purpose; the newsletter is the star.
     */
    private static final Color[][] PALETTE = {
            {new Color(0x1e3a8a), new Color(0x0f766e)}, // navy -> teal
            {new Color(0x4c1d95), new Color(0x9d174d)}, // violet -> wine
            {new Color(0x134e4a), new Color(0x166534)}, // deep teal -> forest
            {new Color(0x7c2d12), new Color(0xb45309)}, // rust -> amber
            {new Color(0x1f2937), new Color(0x475569)}, // charcoal -> slate
            {new Color(0x312e81), new Color(0x1d4ed8)}, // indigo -> blue
            {new Color(0x831843), new Color(0xc2410c)}, // plum -> burnt orange
            {new Color(0x064e3b), new Color(0x0e7490)}, // emerald -> cyan
    };

    /** Sizes are designed for a 600px-wide card and scaled for other widths. */
    private static final float DESIGN_WIDTH = 600f;
    private static final int MAX_FONT = 40;
    private static final int MIN_FONT = 22;
    private static final int MAX_LINES = 4;
    private static final int MAX_SIDE = 4096;
    private static final String ELLIPSIS = "\u2026";

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public String model() {
        return "offline-card-1";
    }

    @Override
    public byte[] image(String headline, String source, int slot, int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("Image size must be 1.." + MAX_SIDE + " each way, got " + width + "x" + height);
        }
        String text = headline == null ? "" : headline.replaceAll("\\s+", " ").strip();
        String src = source == null ? "" : source.strip();
        float scale = Math.max(0.4f, width / DESIGN_WIDTH);

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);

            Color[] pair = colours(src);
            g.setPaint(new GradientPaint(0, 0, pair[0], width, height, pair[1]));
            g.fillRect(0, 0, width, height);

            int pad = Math.round(28 * scale);
            int barHeight = Math.max(Math.round(40 * scale), 18);
            int barTop = height - barHeight;

            // footer bar: a translucent darkening rather than a new colour keeps it subtle on every palette entry
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.28f));
            g.setColor(Color.BLACK);
            g.fillRect(0, barTop, width, barHeight);
            g.setComposite(AlphaComposite.SrcOver);

            // thin accent rule above the headline, a small editorial touch
            g.setColor(new Color(255, 255, 255, 170));
            g.fillRect(pad, pad, Math.round(44 * scale), Math.max(2, Math.round(4 * scale)));

            int textTop = pad + Math.round(4 * scale) + Math.round(14 * scale);
            drawHeadline(g, text, pad, textTop, width - 2 * pad, barTop - Math.round(12 * scale) - textTop, scale);

            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.round(15 * scale)));
            g.setFont(labelFont);
            g.setColor(new Color(255, 255, 255, 220));
            FontMetrics lm = g.getFontMetrics();
            String label = fit("#" + slot + " \u00b7 " + src, lm, width - 2 * pad);
            int labelBaseline = barTop + (barHeight - lm.getHeight()) / 2 + lm.getAscent();
            g.drawString(label, pad, labelBaseline);
        } finally {
            g.dispose();
        }
        return png(img);
    }

    /**
     * Tries font sizes from large to small until the headline wraps into at most four lines that fit the box;
     * at the smallest size whatever does not fit is cut with an ellipsis.
     */
    private static void drawHeadline(Graphics2D g, String text, int x, int top, int boxWidth, int boxHeight, float scale) {
        int max = Math.round(MAX_FONT * scale);
        int min = Math.max(8, Math.round(MIN_FONT * scale));
        List<String> lines = List.of();
        FontMetrics fm = null;
        for (int size = max; size >= min; size -= 2) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            fm = g.getFontMetrics();
            lines = wrap(text, fm, boxWidth);
            if (lines.size() <= MAX_LINES && lines.size() * lineHeight(fm) <= boxHeight) {
                break;
            }
            if (size - 2 < min) {
                int room = Math.max(1, Math.min(MAX_LINES, boxHeight / lineHeight(fm)));
                lines = truncate(lines, room, fm, boxWidth);
            }
        }
        if (fm == null) {
            return;
        }
        int lh = lineHeight(fm);
        // centre the block vertically in the space above the footer bar
        int y = top + Math.max(0, (boxHeight - lines.size() * lh) / 2) + fm.getAscent();
        g.setColor(Color.WHITE);
        for (String line : lines) {
            g.drawString(line, x, y);
            y += lh;
        }
    }

    private static int lineHeight(FontMetrics fm) {
        // a little tighter than the font's default leading: headlines read better set solid
        return Math.round(fm.getHeight() * 1.05f) - fm.getLeading();
    }

    /** Greedy word wrap; a single word wider than the box is split by characters so nothing overflows. */
    static List<String> wrap(String text, FontMetrics fm, int maxWidth) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (fm.stringWidth(candidate) <= maxWidth) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (current.length() > 0) {
                lines.add(current.toString());
                current.setLength(0);
            }
            String rest = word;
            while (fm.stringWidth(rest) > maxWidth && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > maxWidth) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
        }
        if (current.length() > 0) {
            lines.add(current.toString());
        }
        return lines;
    }

    private static List<String> truncate(List<String> lines, int maxLines, FontMetrics fm, int maxWidth) {
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        // the ellipsis goes on the last kept line, shortened at a word boundary where possible
        String last = kept.get(maxLines - 1);
        while (!last.isEmpty() && fm.stringWidth(last + ELLIPSIS) > maxWidth) {
            int space = last.lastIndexOf(' ');
            last = space > 0 ? last.substring(0, space) : last.substring(0, last.length() - 1);
        }
        kept.set(maxLines - 1, stripTrailingPunctuation(last) + ELLIPSIS);
        return kept;
    }

    private static String stripTrailingPunctuation(String s) {
        return s.replaceAll("[\\s,;:.\u2013\u2014-]+$", "");
    }

    /** Shortens a single line with an ellipsis so a long source name cannot run off the card. */
    private static String fit(String s, FontMetrics fm, int maxWidth) {
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + ELLIPSIS) > maxWidth) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip() + ELLIPSIS;
    }

    /** CRC32 rather than String.hashCode: better spread over eight buckets for short, similar names. */
    static int paletteIndex(String source) {
        CRC32 crc = new CRC32();
        crc.update(source.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PALETTE.length);
    }

    static Color[] colours(String source) {
        return PALETTE[paletteIndex(source)];
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("No PNG writer available in this JRE");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
