package aieditor.pipeline;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** The chain as the bundled application.properties defines it, for tests that need the steps without a running app. */
public final class BundledSteps {
    private BundledSteps() {
    }

    public static Steps steps() {
        Properties props = new Properties();
        try (Reader in = new InputStreamReader(BundledSteps.class.getResourceAsStream("/application.properties"),
                StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Steps.read(key -> Optional.ofNullable(props.getProperty(key)));
    }

    public static Step step(String id) {
        return steps().require(id);
    }
}
