package aieditor.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feed hosts at their worst, on a plain socket so the test sees the wire as a real server would: what it sent,
 * and when the client closed the connection. Paths pick the behaviour:
 * <ul>
 *   <li>{@code /good/<name>} a small RSS feed at once; {@code /slow/<name>} the same after {@link #SLOW_MS}</li>
 *   <li>{@code /endless} headers, then feed bytes for ever</li>
 *   <li>{@code /drip-body} headers, then one body byte a second</li>
 *   <li>{@code /drip-headers} the status line, then one header byte a second</li>
 * </ul>
 * Requests are counted per Host header while they are answered, so a test can tell 127.0.0.1 from localhost.
 */
final class HostileFeedServer implements AutoCloseable {
    static final long SLOW_MS = 600;

    /** What the server saw of one connection. Times are System.nanoTime(). */
    static final class Connection {
        final String path;
        final String host;
        final long acceptedAt;
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong closedAt = new AtomicLong();
        final AtomicReference<String> howClosed = new AtomicReference<>();

        Connection(String path, String host, long acceptedAt) {
            this.path = path;
            this.host = host;
            this.acceptedAt = acceptedAt;
        }

        boolean closed() {
            return closedAt.get() != 0;
        }

        /** Seconds from the request to the server seeing the client's close. */
        double secondsOpen() {
            return (closedAt.get() - acceptedAt) / 1e9;
        }

        void closedByClient(String how) {
            if (closedAt.compareAndSet(0, System.nanoTime())) {
                howClosed.set(how);
            }
        }
    }

    private final ServerSocket server;
    private final ScheduledExecutorService drips = Executors.newScheduledThreadPool(2, daemon("drip"));
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private final AtomicInteger maxTotalInFlight = new AtomicInteger();

    HostileFeedServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = daemon("hostile-accept").newThread(this::accept);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** A feed URL on this server under a host name that resolves here (127.0.0.1 or localhost). */
    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    List<Connection> connections(String path) {
        return connections.stream().filter(c -> c.path.equals(path)).toList();
    }

    /** The most requests one host had in flight at once. */
    int maxInFlight(String host) {
        AtomicInteger max = maxInFlight.get(host.toLowerCase(Locale.ROOT));
        return max == null ? 0 : max.get();
    }

    int maxInFlight() {
        return maxTotalInFlight.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon("hostile-conn").newThread(() -> serve(socket)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String path = head.split(" ", 3)[1];
            String host = header(head, "host").replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            Connection c = new Connection(path, host, System.nanoTime());
            connections.add(c);
            enter(host);
            try {
                OutputStream out = socket.getOutputStream();
                if (path.startsWith("/good/")) {
                    answer(out, c, feed(path.substring("/good/".length())));
                } else if (path.startsWith("/slow/")) {
                    drips.schedule(() -> answerQuietly(out, c, feed(path.substring("/slow/".length()))), SLOW_MS,
                            TimeUnit.MILLISECONDS).get();
                } else if (path.equals("/endless")) {
                    endless(out, c);
                } else if (path.equals("/drip-body")) {
                    write(out, c, ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    drip(in, out, c, "<");
                } else if (path.equals("/drip-headers")) {
                    write(out, c, "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    drip(in, out, c, "a");
                } else {
                    answer(out, c, null);
                }
            } finally {
                leave(host);
            }
        } catch (Exception e) {
            // the client went away: what the tests look for is already recorded on the connection
        }
    }

    private void endless(OutputStream out, Connection c) {
        byte[] item = "<item><title>more</title><description>and more and more</description></item>\n".repeat(800)
                .getBytes(StandardCharsets.US_ASCII);
        try {
            write(out, c, ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n"
                    + "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Endless</title>\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (true) {
                write(out, c, item);
            }
        } catch (IOException e) {
            c.closedByClient("write failed: " + e.getMessage());
        }
    }

    /** One byte a second from a timer; this thread waits on the socket, which tells it when the client closes. */
    private void drip(InputStream in, OutputStream out, Connection c, String unit) {
        byte[] one = unit.getBytes(StandardCharsets.US_ASCII);
        ScheduledFuture<?> dripping = drips.scheduleAtFixedRate(() -> {
            try {
                write(out, c, one);
            } catch (IOException e) {
                c.closedByClient("write failed: " + e.getMessage());
                throw new UncheckedIOException(e);
            }
        }, 0, 1, TimeUnit.SECONDS);
        try {
            int read = in.read();
            c.closedByClient(read < 0 ? "EOF" : "unexpected byte");
        } catch (IOException e) {
            c.closedByClient("read failed: " + e.getMessage());
        } finally {
            dripping.cancel(false);
        }
    }

    private void answerQuietly(OutputStream out, Connection c, byte[] body) {
        try {
            answer(out, c, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(OutputStream out, Connection c, byte[] body) throws IOException {
        String status = body == null ? "404 Not Found" : "200 OK";
        byte[] content = body == null ? new byte[0] : body;
        write(out, c, ("HTTP/1.1 " + status + "\r\nContent-Type: application/rss+xml\r\nContent-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        write(out, c, content);
    }

    private static void write(OutputStream out, Connection c, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        c.bytesSent.addAndGet(bytes.length);
    }

    /**
     * A small RSS feed whose two stories are named after the feed, so each feed's articles can be counted.
     * "alpha+copy" is another outlet ("Feed alpha copy") carrying alpha's two stories under the same links.
     */
    static byte[] feed(String name) {
        String stories = name.split("\\+")[0];
        String items = "";
        for (String story : List.of("opens a battery research campus in the north", "ships warehouse robot arms to retailers")) {
            String title = "Outlet " + stories + " " + story;
            String link = "https://" + stories + ".example/" + story.replace(' ', '-');
            items += "<item><title>" + title + "</title><link>" + link + "</link>"
                    + "<pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate><description>" + title + ".</description></item>";
        }
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed " + name.replace('+', ' ')
                + "</title><link>https://" + stories + ".example/</link><description>test</description>" + items
                + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private void enter(String host) {
        int now = inFlight.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        maxTotalInFlight.accumulateAndGet(totalInFlight.incrementAndGet(), Math::max);
    }

    private void leave(String host) {
        inFlight.get(host).decrementAndGet();
        totalInFlight.decrementAndGet();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        drips.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
