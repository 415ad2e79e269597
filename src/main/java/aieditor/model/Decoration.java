package aieditor.model;

import java.util.List;

/** What decoration makes of one story: a headline and exactly three bullets (Markdown bold allowed). */
public record Decoration(String headline, List<String> bullets) {
    public Decoration {
        bullets = List.copyOf(bullets);
    }

    public Decoration withBullets(List<String> newBullets) {
        return new Decoration(headline, newBullets);
    }
}
