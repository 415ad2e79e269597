package aieditor.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;

/** Plain HTTP calls against the application's server, as a scraper, a probe or Hawtio would make them. */
final class Http {
    // HTTP/1.1 as scrapers and probes speak it: the JDK client's default h2c upgrade against the Vert.x server once
    // left a scrape waiting for its answer past the request timeout, and the whole suite with it
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** A port nobody listens on now, for a server the test starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An IPv4 address of this machine that is not loopback, if it has one: a request to it arrives from that
     * address, so the server sees a caller that is not on the loopback interface, as a remote one would be.
     */
    static Optional<String> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static HttpResponse<String> get(String url, String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", basic(user, password)));
    }

    /** With the Authorization header exactly as given (another scheme, other letter case, ...). */
    static HttpResponse<String> getAuthorized(String url, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", authorization));
    }

    static HttpResponse<String> postJson(String url, String json, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return send(user == null ? request : request.header("Authorization", basic(user, password)));
    }

    static HttpResponse<String> postJson(String url, String json, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", authorization));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
