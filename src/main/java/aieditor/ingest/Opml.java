package aieditor.ingest;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import aieditor.text.Text;

/**
 * An OPML subscription list (what feed readers export): every {@code outline} with an {@code xmlUrl}, however deeply
 * nested in folders, is a feed; its {@code title} (else {@code text}) is the name the reader showed for it.
 */
final class Opml {

    /** One subscribed feed; name is null when the outline has neither title nor text. */
    record Feed(String url, String name) {
    }

    private Opml() {
    }

    /** Reads a local OPML file; an unreadable or malformed one is an error naming the setting it came from. */
    static List<Feed> read(Path file, String setting) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read the OPML file '" + file + "' (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the document is not OPML */
    static List<Feed> parse(byte[] document, String location) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // an outline from the network is untrusted XML: no DTDs, so no entity expansion and no external fetches
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the exception says what is wrong; the default handler would also print it to stderr
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Element root = builder.parse(new ByteArrayInputStream(document)).getDocumentElement();
            if (!"opml".equals(root.getTagName())) {
                throw new IllegalArgumentException("'" + location + "' is not an OPML document (its root is <"
                        + root.getTagName() + ">)");
            }
            List<Feed> feeds = new ArrayList<>();
            NodeList outlines = root.getElementsByTagName("outline");
            for (int i = 0; i < outlines.getLength(); i++) {
                Element outline = (Element) outlines.item(i);
                String url = outline.getAttribute("xmlUrl").trim();
                if (!url.isEmpty()) {
                    String name = Text.blankToNull(outline.getAttribute("title"));
                    feeds.add(new Feed(url, name != null ? name.trim() : Text.blankToNull(outline.getAttribute("text"))));
                }
            }
            return feeds;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("'" + location + "' is not a readable OPML document (" + e.getMessage() + ")", e);
        }
    }
}
