package dev.vigie.kit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A websocket connection over a plain blocking socket, upgraded and then left to the test: it reads (or does not)
 * and answers (or does not) as the case needs, which no websocket client library lets a test decide.
 */
public final class RawWebSocket {
  private RawWebSocket() {
  }

  /** Connects to {@code /ws} on loopback {@code port} and returns the socket once the server has answered 101. */
  public static Socket open(int port) throws IOException {
    return open(port, "/ws");
  }

  /** Connects to {@code path} on loopback {@code port} and returns the socket once the server has answered 101. */
  public static Socket open(int port, String path) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      assertTrue(b >= 0, "the server closed the upgrade: " + head);
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    return socket;
  }

  /** Sends a client text frame, masked as a client must (with a zero key, which leaves the payload as is). */
  public static void writeText(Socket socket, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertTrue(payload.length < 126, "a short frame");
    OutputStream out = socket.getOutputStream();
    out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0});
    out.write(payload);
    out.flush();
  }

  /** What {@link #readFrames} has seen so far: data messages (text or binary), those over a size, pings. */
  public record FrameCounts(AtomicInteger messages, AtomicInteger bigMessages, AtomicInteger pings) {
    public FrameCounts() {
      this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
    }
  }

  /**
   * Reads server frames (never masked) on a thread of its own until the connection ends, answering none: counts data
   * messages, those over {@code bigBytes}, and pings.
   */
  public static FrameCounts readFrames(Socket socket, int bigBytes) {
    FrameCounts counts = new FrameCounts();
    Thread reader = new Thread(() -> {
      try {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        long messageBytes = 0;
        while (true) {
          int first = in.readUnsignedByte();
          int second = in.readUnsignedByte();
          long length = second & 0x7F;
          if (length == 126) {
            length = in.readUnsignedShort();
          } else if (length == 127) {
            length = in.readLong();
          }
          in.skipNBytes(length);
          int opcode = first & 0x0F;
          if (opcode == 0x9) {
            counts.pings().incrementAndGet();
          } else if (opcode <= 0x2) {
            messageBytes += length;
            if ((first & 0x80) != 0) {
              counts.messages().incrementAndGet();
              if (messageBytes > bigBytes) {
                counts.bigMessages().incrementAndGet();
              }
              messageBytes = 0;
            }
          }
        }
      } catch (IOException ended) {
        // The test is over, or the server closed the connection.
      }
    });
    reader.setDaemon(true);
    reader.start();
    return counts;
  }
}
