package aieditor.desk;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What a sent .eml says, decoded: the subject and every text part (plain and HTML) as a mail client reads them. */
public final class Eml {
    private Eml() {
    }

    public static String text(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            StringBuilder out = new StringBuilder(m.getSubject()).append('\n');
            collect(m.getContent(), out);
            return out.toString();
        }
    }

    private static void collect(Object content, StringBuilder out) throws Exception {
        if (content instanceof String s) {
            out.append(s).append('\n');
        } else if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (part.isMimeType("text/*") || part.isMimeType("multipart/*")) {
                    collect(part.getContent(), out);
                }
            }
        }
    }
}
