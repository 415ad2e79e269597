package aieditor.ai.offline;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineImageProviderTest {

    private final OfflineImageProvider provider = new OfflineImageProvider();

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void should_identify_itself() {
        assertThat(provider.name()).isEqualTo("offline");
        assertThat(provider.model()).isEqualTo("offline-card-1");
    }

    @Test
    void should_decode_to_requested_size() throws IOException {
        BufferedImage lead = decode(provider.image("EU agrees AI rules", "Euronews", 1, 1200, 600));
        BufferedImage thumb = decode(provider.image("Small card", "The Verge", 3, 320, 200));

        assertThat(lead.getWidth()).isEqualTo(1200);
        assertThat(lead.getHeight()).isEqualTo(600);
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(200);
    }

    @Test
    void should_give_different_sources_different_colours() throws IOException {
        String one = "The Verge";
        String other = "BBC Health";
        assertThat(OfflineImageProvider.paletteIndex(one)).isNotEqualTo(OfflineImageProvider.paletteIndex(other));

        BufferedImage a = decode(provider.image("Same headline", one, 1, 600, 300));
        BufferedImage b = decode(provider.image("Same headline", other, 1, 600, 300));

        // the top-left corner is pure background gradient, away from text and footer bar
        assertThat(a.getRGB(2, 2)).isNotEqualTo(b.getRGB(2, 2));
    }

    @Test
    void should_draw_the_headline_in_white() throws IOException {
        BufferedImage blank = decode(provider.image("", "Source", 1, 600, 300));
        BufferedImage titled = decode(provider.image("WWWWWWWW", "Source", 1, 600, 300));

        assertThat(whitePixels(titled)).isGreaterThan(whitePixels(blank) + 500);
    }

    @Test
    void should_cope_with_very_long_headlines_and_words() throws IOException {
        String huge = "Supercalifragilisticexpialidocious-and-then-some-more-unbroken-text-that-never-ends "
                + "and a headline that goes on and on ".repeat(20);

        BufferedImage img = decode(provider.image(huge, "A source with a really quite long name indeed", 5, 300, 160));

        assertThat(img.getWidth()).isEqualTo(300);
    }

    @Test
    void should_reject_impossible_sizes() {
        assertThatThrownBy(() -> provider.image("x", "y", 1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.image("x", "y", 1, 100, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int whitePixels(BufferedImage img) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xffffff) {
                    count++;
                }
            }
        }
        return count;
    }
}
