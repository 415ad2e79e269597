package aieditor.mautic_send;

import aieditor.ai.offline.OfflineImageProvider;
import aieditor.html_compile.Newsletter;
import aieditor.images.EmailImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An issue's story images on disk as the images step stores them: offline cards, 600 x 300, as JPEG. */
final class SampleImages {
    private SampleImages() {
    }

    static List<IssueImage> onDisk(Newsletter n, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<IssueImage> images = new ArrayList<>();
        for (Newsletter.Story s : n.stories()) {
            byte[] png = new OfflineImageProvider().image(s.headline(), s.source(), s.slot(), 600, 300);
            Path file = Files.write(dir.resolve("slot-" + s.slot() + ".jpg"), EmailImage.of(png, 0.85f).bytes());
            images.add(new IssueImage(s.slot(), s.imageUrl(), file));
        }
        return images;
    }
}
