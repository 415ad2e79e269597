package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A vendor API on a plain server socket, so a test can see what the model's side of the wire sees: when each
 * request arrived, and when the client closed the connection (EOF or reset) - which an HttpServer never tells.
 * Each request gets {@link #answerWith}'s answer: a body at once, or {@link Answer#hang} (no answer for a while, or
 * ever, while the server watches the socket for the client going away).
 */
public final class WireVendor implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to do with one request: answer {@code body} with {@code status} after {@code delay} (null: never). */
    public record Answer(int status, String body, Duration delay) {
        public static Answer now(String body) {
            return new Answer(200, body, Duration.ZERO);
        }

        public static Answer hang() {
            return new Answer(200, "{}", null);
        }

        public static Answer after(Duration delay, String body) {
            return new Answer(200, body, delay);
        }
    }

    /** One request as it arrived: on which connection, when, what it asked. */
    public record Request(int connection, Instant at, String path, JsonNode body) {
    }

    /** One TCP connection: when it was opened, when the client closed it (null while open), how, and 200s written. */
    public static final class Connection {
        final int id;
        final Instant openedAt = Instant.now();
        volatile Instant closedAt;
        volatile String closedHow;
        volatile int answered;

        Connection(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        public Instant openedAt() {
            return openedAt;
        }

        public Instant closedAt() {
            return closedAt;
        }

        public String closedHow() {
            return closedHow;
        }

        public int answered() {
            return answered;
        }

        @Override
        public String toString() {
            return "connection " + id + " opened " + openedAt + ", closed " + closedAt + " (" + closedHow + "), "
                    + answered + " answered";
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> answers = r -> Answer.hang();
    private volatile boolean closing;

    public WireVendor() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public WireVendor answerWith(Function<Request, Answer> answers) {
        this.answers = answers;
        return this;
    }

    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        connections.clear();
        requests.clear();
    }

    private void accept() {
        int n = 0;
        while (!closing) {
            try {
                Socket socket = server.accept();
                Connection c = new Connection(++n);
                connections.add(c);
                threads.execute(() -> serve(socket, c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, Connection c) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = read(in, c);
                if (request == null) {
                    closed(c, "eof");
                    return;
                }
                requests.add(request);
                Answer answer = answers.apply(request);
                boolean stillThere = waitWatching(socket, in, answer.delay(), c);
                socket.setSoTimeout(0);
                if (!stillThere) {
                    closed(c, "eof");
                    return;
                }
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + answer.status() + " OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                c.answered++;
            }
        } catch (IOException e) {
            closed(c, "reset (" + e.getMessage() + ")");
        }
    }

    /** Waits the delay (null: for ever) reading the socket; false when the client went away meanwhile. */
    private boolean waitWatching(Socket socket, InputStream in, Duration delay, Connection c) throws IOException {
        if (delay != null && delay.isZero()) {
            return true;
        }
        long until = delay == null ? Long.MAX_VALUE : System.nanoTime() + delay.toNanos();
        while (!closing) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(50, left / 1_000_000)));
            try {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                // a client sends nothing more on a request it waits for; ignore stray bytes
            } catch (SocketTimeoutException stillThere) {
                // the client is still waiting
            } catch (IOException e) {
                closed(c, "reset (" + e.getMessage() + ")");
                return false;
            }
        }
        return false;
    }

    private void closed(Connection c, String how) {
        if (c.closedAt == null) {
            c.closedAt = Instant.now();
            c.closedHow = how;
        }
    }

    /** One HTTP/1.1 request (Content-Length or chunked body); null at EOF before a request line. */
    private Request read(InputStream in, Connection c) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        Instant at = Instant.now();
        String[] lines = head.split("\r\n");
        String path = lines[0].split(" ")[1];
        long length = 0;
        boolean chunked = false;
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-length:")) {
                length = Long.parseLong(l.substring(15).trim());
            } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
        return new Request(c.id, at, path, body.length == 0 ? null : JSON.readTree(body));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
