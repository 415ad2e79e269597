package aieditor.archive;

import aieditor.fixtures.Http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A reader's browser or feed reader, with nothing but the URL: no token, no cookie, no redirects followed. */
final class ArchiveClient {
    final int port;
    final String base;

    ArchiveClient(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) throws Exception {
        return Http.send(request(pathOrUrl, headers).GET());
    }

    HttpResponse<byte[]> bytes(String pathOrUrl, String... headers) throws Exception {
        return Http.sendForBytes(request(pathOrUrl, headers).GET());
    }

    HttpResponse<String> head(String path) throws Exception {
        return Http.send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String pathOrUrl, String... headers) {
        HttpRequest.Builder r = Http.request(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r;
    }

    /** The status line and body of a request whose target goes out byte for byte (no client tidies "../" away). */
    Raw raw(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Raw(status, text.substring(0, bodyAt), text.substring(bodyAt + 4));
        }
    }

    record Raw(int status, String headers, String body) {
    }
}
