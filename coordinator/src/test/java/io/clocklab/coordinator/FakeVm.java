package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A VM's control API on a real loopback HTTP server, recording every call the coordinator makes. */
public final class FakeVm implements AutoCloseable {

    /** One control call: e.g. {@code PUT /internal/run} and its JSON body. */
    public record Call(String method, String path, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public FakeVm(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/run", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    JSON.readTree(new String(body, StandardCharsets.UTF_8))));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String name() {
        return name;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tcpAddress() {
        return name + ":9000";
    }

    public String registrationJson() {
        return "{\"name\":\"" + name + "\",\"httpUrl\":\"" + httpUrl() + "\",\"tcpAddress\":\"" + tcpAddress() + "\"}";
    }

    public List<Call> calls() {
        return calls;
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    /** Makes every further control call fail with this status. */
    public void answer(int status) {
        this.status = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
