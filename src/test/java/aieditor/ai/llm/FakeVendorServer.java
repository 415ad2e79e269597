package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local stand-in for a vendor's API: answers with scripted responses in order (then with the fallback), and
 * keeps every request it received so tests can check what we sent.
 */
public final class FakeVendorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, headers, body; {@code stall} holds it back until the server closes. */
    public record Response(int status, Map<String, String> headers, String body, boolean stall) {
        public static Response ok(String body) {
            return new Response(200, Map.of(), body, false);
        }

        public static Response status(int status, String body) {
            return new Response(status, Map.of(), body, false);
        }

        public static Response status(int status, String body, Map<String, String> headers) {
            return new Response(status, headers, body, false);
        }

        public static Response stalled() {
            return new Response(200, Map.of(), "{}", true);
        }
    }

    /** What we sent: path, headers (lower-case names) and the body as JSON. */
    public record Request(String method, String path, Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<Response> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Response> fallback = r -> Response.status(500, "{\"error\":\"nothing scripted\"}");

    public FakeVendorServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeVendorServer then(Response... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    public FakeVendorServer otherwise(Function<Request, Response> answer) {
        this.fallback = answer;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        script.clear();
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        byte[] in = ex.getRequestBody().readAllBytes();
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers,
                in.length == 0 ? null : JSON.readTree(in));
        requests.add(request);
        Response response = script.poll();
        if (response == null) {
            response = fallback.apply(request);
        }
        if (response.stall()) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
