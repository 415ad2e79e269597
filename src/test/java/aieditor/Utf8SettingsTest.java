package aieditor;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A settings file written in UTF-8 is read as written: a newsletter title with umlauts, dashes and CJK survives. */
class Utf8SettingsTest {
    private static final String TITLE = "Die KI-Zeitung — Ausgabe für Käse 東京";

    @Test
    void should_read_a_utf8_settings_file_as_written() throws Exception {
        Path file = Path.of("target/utf8-settings-test/application.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "newsletter.title = " + TITLE + "\n", StandardCharsets.UTF_8);

        assertThat(title(new Application.Utf8Main(), file)).isEqualTo(TITLE);
        assertThat(title(new Main(), file)).as("what Camel reads by default").isNotEqualTo(TITLE).contains("KÃ¤se");
    }

    private static String title(Main main, Path file) throws Exception {
        AtomicReference<String> title = new AtomicReference<>();
        main.setPropertyPlaceholderLocations("file:" + file);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                title.set(m.getCamelContext().getPropertiesComponent().resolveProperty("newsletter.title").orElse(null));
                new Thread(main::completed).start();
            }
        });
        main.run();
        return title.get();
    }
}
