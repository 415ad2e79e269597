package aieditor.ai;

/** Makes the image for one story: PNG bytes of the given size. */
public interface ImageProvider extends Provider {
    byte[] image(String headline, String source, int slot, int width, int height);
}
