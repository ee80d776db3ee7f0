package dev.pipelinetriage.adapter.ci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A plain HTTP/1.1 server that keeps connections alive after each answer, then closes a kept-alive connection the
 * moment the next request starts to arrive, without reading or answering it: what a client sees when a server's
 * keep-alive timeout fires just as a pooled connection is reused. Requests on a fresh connection are answered.
 */
public final class IdleClosingServer implements AutoCloseable {
    /** A request the server read and answered: method and path. */
    public record Answered(String method, String path) {
    }

    /** A status and a JSON body. */
    public record Reply(int status, String body) {
    }

    private final ServerSocket socket;
    private final Function<Answered, Reply> routes;
    /** Requests answered, in order; requests cut off on a reused connection are not here. */
    public final List<Answered> answered = new CopyOnWriteArrayList<>();
    /** How many reused connections were closed under a request. */
    public final List<String> cutOff = new CopyOnWriteArrayList<>();

    public IdleClosingServer(Function<Answered, Reply> routes) throws IOException {
        this.routes = routes;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            for (int served = 0; ; served++) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (served > 0) {
                    // The keep-alive timeout fired: the request that just started is neither read nor answered.
                    cutOff.add("connection closed under a request after " + served + " answered");
                    return;
                }
                String head = readHead(first, in);
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                int length = contentLength(head);
                in.readNBytes(length);
                Answered request = new Answered(requestLine[0], requestLine[1]);
                answered.add(request);
                Reply reply = routes.apply(request);
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readHead(int first, InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request head cut short");
            }
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    /** Routes from exact "METHOD path" keys; anything else is a 404. */
    public static Function<Answered, Reply> routes(Map<String, Reply> byRequest) {
        return request -> byRequest.getOrDefault(request.method() + " " + request.path(), new Reply(404, "{}"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
