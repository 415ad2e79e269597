package aieditor.images;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A story image as the newsletter carries it. Every image travels with each message (or is fetched by every
 * reader), so bytes count: the providers' PNGs are gradients and photos, which JPEG stores in far fewer bytes
 * (the offline cards of a 5-story issue: 41-46 KB each as PNG, 22-30 KB as JPEG at 0.85, 39 % less in all). The
 * PNG is kept when it is the smaller one, as for flat drawings.
 *
 * @param bytes       the file's content
 * @param contentType image/jpeg or image/png
 * @param pngBytes    the size of the provider's PNG, to say what the encoding saved
 */
public record EmailImage(byte[] bytes, String contentType, int pngBytes) {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";

    /** The file name extension for the content type: "jpg" or "png". */
    public String extension() {
        return contentType.equals(JPEG) ? "jpg" : "png";
    }

    /** @param jpegQuality 0..1, images.jpeg-quality */
    public static EmailImage of(byte[] png, float jpegQuality) throws IOException {
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("images.jpeg-quality must be above 0 and at most 1, got " + jpegQuality);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("the image provider answered with something that is not an image");
        }
        byte[] jpeg = jpeg(opaque(image), jpegQuality);
        return jpeg.length < png.length ? new EmailImage(jpeg, JPEG, png.length) : new EmailImage(png, PNG, png.length);
    }

    /** What an image file holds, from its first bytes: image/png, image/jpeg, or null for anything else. */
    public static String contentType(byte[] file) {
        if (file.length >= 4 && (file[0] & 0xff) == 0x89 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G') {
            return PNG;
        }
        if (file.length >= 3 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8 && (file[2] & 0xff) == 0xff) {
            return JPEG;
        }
        return null;
    }

    /** JPEG has no transparency: whatever is transparent is laid on white, as a mail client's page would show it. */
    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
