package aieditor.mautic_send;

import java.nio.file.Path;

/**
 * One of an issue's story images as the images step stored it.
 *
 * @param url  what the compiled HTML links: a path relative to the outbox folder, or an https URL when hosted
 * @param file where the image is on disk
 */
public record IssueImage(int slot, String url, Path file) {
}
