package aieditor.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where mail clients fetch story images from, when not from where ImagesStep wrote them. */
public interface ImageHost {
    /** Images are linked where they are written (the outbox, or images.public-base-url). */
    ImageHost NONE = (file, publicId) -> Optional.empty();

    /** Publishes the file and returns its absolute https URL, or empty when this host keeps nothing. */
    Optional<String> publish(Path file, String publicId) throws IOException;
}
