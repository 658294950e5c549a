package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.VmState;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

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
    private volatile boolean down;
    private volatile boolean noEndState;
    private volatile String runId;
    private volatile List<Event> events = List.of();

    public FakeVm(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/run", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), json));
            if (exchange.getRequestURI().getPath().equals("/internal/run") && status == 200) {
                runId = json.path("runId").asText();
                events = List.of();
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // the VM's own records, so this fake cannot drift from what a VM answers
        server.createContext("/clock", exchange -> answer(exchange, down ? 503 : 200,
                JSON.writeValueAsString(new ClockView(name, events.size(), 1, 0, VmState.RUNNING, runId))));
        server.createContext("/log", this::page);
        // /internal/runs/{runId}/log and /internal/runs/{runId}/delivery: this fake holds one run's files
        server.createContext("/internal/runs/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length != 5 || !parts[3].equals(runId)) {
                answer(exchange, 404, "{\"detail\":\"no log of run " + (parts.length > 3 ? parts[3] : "") + "\"}");
            } else if (parts[4].equals("log")) {
                page(exchange);
            } else if (noEndState) {
                answer(exchange, 503, "{\"detail\":\"busy\"}");
            } else {
                answer(exchange, 200, JSON.writeValueAsString(new DeliveryState(runId, name, List.of(), Map.of())));
            }
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

    /** The registration a running VM repeats as its heartbeat: it names the run it holds. */
    public String registrationJson() {
        return registrationJson(runId);
    }

    /** A registration that says which run this VM holds (null: none, as after a restart). */
    public String registrationJson(String heldRunId) {
        return "{\"name\":\"" + name + "\",\"httpUrl\":\"" + httpUrl() + "\",\"tcpAddress\":\"" + tcpAddress() + "\",\"runId\":"
                + (heldRunId == null ? "null" : "\"" + heldRunId + "\"") + "}";
    }

    /** Makes {@code GET /clock} answer 503, as a VM that is there but cannot serve. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** Makes {@code GET /internal/runs/{id}/delivery} answer 503. */
    public void noEndState(boolean failing) {
        this.noEndState = failing;
    }

    public List<Call> calls() {
        return calls;
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    /** What {@code GET /log} serves for the run this VM holds now. */
    public void log(List<Event> events) {
        this.events = List.copyOf(events);
    }

    /** As after a crash and a restart: no run in memory (its files, which this fake does not keep, would stay). */
    public void restart() {
        this.runId = null;
        this.events = List.of();
    }

    /** Holds a run already, as a VM that kept ticking while the coordinator was away. */
    public void holds(String heldRunId, List<Event> heldEvents) {
        this.runId = heldRunId;
        this.events = List.copyOf(heldEvents);
    }

    public String runId() {
        return runId;
    }

    private void page(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int from = Integer.parseInt(query.getOrDefault("from", "1"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        List<Event> all = events;
        List<Event> page = all.subList(Math.min(from - 1, all.size()), Math.min(from - 1 + limit, all.size()));
        answer(exchange, page.stream().map(EventJson::toLine).collect(Collectors.joining(",", "[", "]")));
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        answer(exchange, 200, json);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
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
