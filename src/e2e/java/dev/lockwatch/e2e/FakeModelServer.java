package dev.lockwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake OpenAI-compatible model server on loopback, so the real gateway runs agents without any network: it answers
 * {@code GET /v1/models} with one model and <em>stalls</em> every {@code POST /v1/chat/completions} until
 * {@link #releaseStalled()} (or {@link #close()}), which keeps the gateway's run going and so its session lock held for as
 * long as a test wants. Released requests get a one-word answer (streamed as server-sent events when asked to stream).
 * Each stall also ends by itself after {@link #MAX_STALL}, so nothing hangs forever.
 */
final class FakeModelServer implements AutoCloseable {
    static final String MODEL = "stall-model";
    static final Duration MAX_STALL = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger chatRequests = new AtomicInteger();
    private final AtomicInteger stalledNow = new AtomicInteger();

    private FakeModelServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static FakeModelServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model-server");
            t.setDaemon(true);
            return t;
        });
        FakeModelServer fake = new FakeModelServer(server, executor);
        server.createContext("/", fake::handle);
        server.setExecutor(executor);
        server.start();
        return fake;
    }

    /** {@code http://127.0.0.1:PORT/v1}, for the provider's {@code baseUrl}. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** Chat completion requests received so far. */
    int chatRequests() {
        return chatRequests.get();
    }

    /** Chat completion requests being stalled right now. */
    int stalledNow() {
        return stalledNow.get();
    }

    /** Lets every stalled request answer now; later requests stall again. */
    void releaseStalled() {
        gate.getAndSet(new CountDownLatch(1)).countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/models")) {
                send(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                        + "\",\"object\":\"model\",\"created\":0,\"owned_by\":\"lockwatch-e2e\"}]}");
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/chat/completions")) {
                chatRequests.incrementAndGet();
                stalledNow.incrementAndGet();
                try {
                    gate.get().await(MAX_STALL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    stalledNow.decrementAndGet();
                }
                answer(exchange, body);
                return;
            }
            send(exchange, 404, "application/json", "{\"error\":{\"message\":\"not here\"}}");
        } catch (IOException e) {
            // the gateway gave up on this request (aborted run, restart): nothing to answer
        }
    }

    private static void answer(HttpExchange exchange, byte[] request) throws IOException {
        boolean stream;
        try {
            JsonNode json = JSON.readTree(request);
            stream = json != null && json.path("stream").asBoolean(false);
        } catch (IOException e) {
            stream = false;
        }
        if (!stream) {
            send(exchange, 200, "application/json", "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion\",\"created\":0,\"model\":\""
                    + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");
            return;
        }
        String chunk = "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"" + MODEL + "\",\"choices\":";
        String events = "data: " + chunk + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":null}]}\n\n"
                + "data: " + chunk + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                + "data: [DONE]\n\n";
        send(exchange, 200, "text/event-stream", events);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        releaseStalled();
        server.stop(0);
        executor.shutdownNow();
    }
}
