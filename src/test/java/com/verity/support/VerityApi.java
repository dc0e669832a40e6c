package com.verity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** A client of the running service's REST API, as an admin or agent would use it. */
@TestComponent
public class VerityApi {

    /** A file to upload. */
    public record Upload(String filename, byte[] bytes, String contentType) {
        public static Upload of(String filename, byte[] bytes) {
            return new Upload(filename, bytes, MediaType.APPLICATION_OCTET_STREAM_VALUE);
        }
    }

    /** Status and JSON body of a response, whatever the status. */
    public record Reply<T>(HttpStatusCode status, T body, HttpHeaders headers) {}

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ARRAY =
            new ParameterizedTypeReference<>() {};

    private final WebServerApplicationContext context;
    private final String authorization;
    private RestClient client;

    /** A client signed in as the test admin (HTTP Basic). */
    @org.springframework.beans.factory.annotation.Autowired
    public VerityApi(WebServerApplicationContext context) {
        this(context, TestUsers.admin());
    }

    private VerityApi(WebServerApplicationContext context, String authorization) {
        this.context = context;
        this.authorization = authorization;
    }

    /** The same API called with this Authorization header (null: anonymously). */
    public VerityApi as(String authorization) {
        return new VerityApi(context, authorization);
    }

    /** The same API called as this user, with HTTP Basic. */
    public VerityApi as(String username, String password) {
        return as(TestUsers.basic(username, password));
    }

    /** The same API called with this API key. */
    public VerityApi withKey(String key) {
        return as("Bearer " + key);
    }

    public RestClient client() {
        if (client == null) {
            RestClient.Builder builder =
                    RestClient.builder()
                            .baseUrl("http://localhost:" + context.getWebServer().getPort())
                            .defaultStatusHandler(
                                    HttpStatusCode::isError, (request, response) -> {});
            if (authorization != null) {
                builder.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            client = builder.build();
        }
        return client;
    }

    public int port() {
        return context.getWebServer().getPort();
    }

    /** A Server-Sent Event as received: its name and its data (JSON). */
    public record Event(String name, String data) {}

    /** POSTs {@code body} as JSON and reads the whole {@code text/event-stream} reply. */
    public List<Event> events(String path, Object body) {
        try {
            java.net.http.HttpRequest.Builder request =
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port() + path));
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
                    java.net.http.HttpClient.newHttpClient()
                            .send(
                                    request.header("Content-Type", "application/json")
                                            .header("Accept", "text/event-stream")
                                            .POST(
                                                    java.net.http.HttpRequest.BodyPublishers
                                                            .ofString(
                                                                    JSON.writeValueAsString(body)))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofLines());
            List<Event> events = new java.util.ArrayList<>();
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            response.body()
                    .forEach(
                            line -> {
                                if (line.startsWith("event:")) {
                                    name[0] = line.substring(6).strip();
                                } else if (line.startsWith("data:")) {
                                    data.append(data.isEmpty() ? "" : "\n")
                                            .append(line.substring(5));
                                } else if (line.isEmpty() && name[0] != null) {
                                    events.add(new Event(name[0], data.toString()));
                                    name[0] = null;
                                    data.setLength(0);
                                }
                            });
            return events;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** A collection with a unique name, so tests sharing a database never collide. */
    public String newCollection(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply<Map<String, Object>> reply = post("/api/collections", Map.of("name", name));
        assertThat(reply.status().value()).isEqualTo(201);
        return name;
    }

    public Reply<Map<String, Object>> post(String path, Object body) {
        ResponseEntity<Map<String, Object>> response =
                client().post()
                        .uri(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .toEntity(OBJECT);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    public Reply<Map<String, Object>> put(String path, Object body) {
        return send(org.springframework.http.HttpMethod.PUT, path, body);
    }

    public Reply<Map<String, Object>> patch(String path, Object body) {
        return send(org.springframework.http.HttpMethod.PATCH, path, body);
    }

    private Reply<Map<String, Object>> send(
            org.springframework.http.HttpMethod method, String path, Object body) {
        ResponseEntity<Map<String, Object>> response =
                client().method(method)
                        .uri(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .toEntity(OBJECT);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    public Reply<Map<String, Object>> get(String path) {
        ResponseEntity<Map<String, Object>> response =
                client().get().uri(path).retrieve().toEntity(OBJECT);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    public Reply<List<Map<String, Object>>> getList(String path) {
        ResponseEntity<List<Map<String, Object>>> response =
                client().get().uri(path).retrieve().toEntity(ARRAY);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    public Reply<byte[]> getBytes(String path) {
        ResponseEntity<byte[]> response =
                client().get().uri(path).retrieve().toEntity(byte[].class);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    public HttpStatusCode delete(String path) {
        return client().delete().uri(path).retrieve().toBodilessEntity().getStatusCode();
    }

    /** Uploads files; the reply body is the JSON array on 202, or a problem detail otherwise. */
    public Reply<Object> upload(String collection, Upload... files) {
        return upload(collection, Map.of(), files);
    }

    /** Uploads files with more form fields (accessGroups, say). */
    public Reply<Object> upload(String collection, Map<String, String> fields, Upload... files) {
        return multipart("/api/collections/" + collection + "/documents", fields, "files", files);
    }

    /** Posts form fields and files, each file as a part of the given name. */
    public Reply<Object> multipart(
            String path, Map<String, String> fields, String part, Upload... files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        fields.forEach(parts::add);
        for (Upload file : files) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.parseMediaType(file.contentType()));
            headers.setContentDispositionFormData(part, file.filename());
            parts.add(
                    part,
                    new org.springframework.http.HttpEntity<>(
                            new ByteArrayResource(file.bytes()) {
                                @Override
                                public String getFilename() {
                                    return file.filename();
                                }
                            },
                            headers));
        }
        ResponseEntity<Object> response =
                client().post()
                        .uri(path)
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts)
                        .retrieve()
                        .toEntity(Object.class);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }

    /** Uploads files that must be accepted; returns the per-file entries. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> accepted(String collection, Upload... files) {
        Reply<Object> reply = upload(collection, files);
        assertThat(reply.status().value()).as("upload reply %s", reply.body()).isEqualTo(202);
        return (List<Map<String, Object>>) reply.body();
    }

    /** Uploads text files and waits until each one is indexed; returns their documents. */
    public List<Map<String, Object>> indexed(String collection, Map<String, String> texts) {
        Upload[] files =
                texts.entrySet().stream()
                        .map(
                                e ->
                                        Upload.of(
                                                e.getKey(),
                                                e.getValue()
                                                        .getBytes(
                                                                java.nio.charset.StandardCharsets
                                                                        .UTF_8)))
                        .toArray(Upload[]::new);
        List<Map<String, Object>> documents =
                accepted(collection, files).stream().map(d -> awaitSettled(d.get("id"))).toList();
        documents.forEach(d -> assertThat(d).containsEntry("status", "INDEXED"));
        return documents;
    }

    public Map<String, Object> document(Object id) {
        return get("/api/documents/" + id).body();
    }

    /** Waits until the document reaches INDEXED or FAILED and returns it. */
    public Map<String, Object> awaitSettled(Object id) {
        return awaitStatus(id, Set.of("INDEXED", "FAILED"), Duration.ofSeconds(120));
    }

    public Map<String, Object> awaitStatus(Object id, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> document = document(id);
        while (!statuses.contains(String.valueOf(document.get("status")))) {
            assertThat(System.nanoTime())
                    .as("document %s still %s", id, document)
                    .isLessThan(deadline);
            sleep(100);
            document = document(id);
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> search(String collection, String query, int topK) {
        Reply<Map<String, Object>> reply =
                post("/api/search", Map.of("query", query, "collection", collection, "topK", topK));
        assertThat(reply.status().value()).as("search reply %s", reply.body()).isEqualTo(200);
        return (List<Map<String, Object>>) reply.body().get("results");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
