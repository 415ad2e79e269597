package aieditor.mautic_send;

import java.nio.file.Path;

/**
 * An image of the HTML part as a message carries it: inside the message (a multipart/related part the HTML
 * references by {@code cid:}) or hosted (an https URL every reader's mail client fetches).
 *
 * @param slot        the story it belongs to, null for an image that is none of the story images
 * @param src         the HTML part's img src: "cid:..." for an embedded image, else the https URL
 * @param file        the image on disk, null when a hosted image has no file here
 * @param contentType image/jpeg or image/png, null when unknown (hosted, no file)
 * @param bytes       the image's size, null when unknown (hosted, no file)
 * @param content     what the message carries, null for a hosted image
 */
public record MessageImage(Integer slot, String src, Path file, String contentType, Long bytes, byte[] content) {

    public boolean embedded() {
        return content != null;
    }

    /** The Content-ID without its angle brackets, for an embedded image. */
    public String contentId() {
        return embedded() ? src.substring("cid:".length()) : null;
    }
}
