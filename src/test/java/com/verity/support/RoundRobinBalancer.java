package com.verity.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load balancer in front of service instances, as a deployment has one: each request goes to the
 * next instance in turn, with no stickiness; responses (event streams too) are passed on as they
 * come. It remembers which instance served each request.
 */
public final class RoundRobinBalancer implements AutoCloseable {

    /** A request as the balancer passed it on. */
    public record Served(String method, String path, int instance) {}

    private static final Set<String> HOP_BY_HOP =
            Set.of(
                    "connection",
                    "content-length",
                    "host",
                    "keep-alive",
                    "transfer-encoding",
                    "upgrade",
                    "expect");

    private final List<Integer> ports;
    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong next = new AtomicLong();
    private final List<Served> served = new CopyOnWriteArrayList<>();

    public RoundRobinBalancer(List<Integer> ports) {
        this.ports = List.copyOf(ports);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::forward);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, in the order they arrived. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** Requests each instance served, in the instances' order. */
    public long[] split() {
        long[] counts = new long[ports.size()];
        served.forEach(s -> counts[s.instance()]++);
        return counts;
    }

    private void forward(HttpExchange exchange) throws IOException {
        int instance = (int) (next.getAndIncrement() % ports.size());
        URI uri = exchange.getRequestURI();
        served.add(new Served(exchange.getRequestMethod(), uri.getPath(), instance));
        try (exchange) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(
                                    URI.create(
                                            "http://localhost:"
                                                    + ports.get(instance)
                                                    + uri.getRawPath()
                                                    + (uri.getRawQuery() == null
                                                            ? ""
                                                            : "?" + uri.getRawQuery())))
                            .method(
                                    exchange.getRequestMethod(),
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                                    values.forEach(value -> request.header(name, value));
                                }
                            });
            HttpResponse<InputStream> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers()
                    .map()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())
                                        && !name.startsWith(":")) {
                                    exchange.getResponseHeaders().put(name, values);
                                }
                            });
            int status = response.statusCode();
            boolean bodiless =
                    status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, bodiless ? -1 : 0);
            if (bodiless) {
                response.body().close();
                return;
            }
            try (InputStream body = response.body();
                    OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (IOException e) {
            // the client or the instance went away mid-response
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
