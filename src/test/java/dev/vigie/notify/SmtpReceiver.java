package dev.vigie.notify;

import static dev.vigie.kit.Wait.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server of the test's own on a free loopback port, on a Vert.x NetServer: EHLO/HELO, AUTH PLAIN (checked
 * against one user and password), MAIL, RCPT, DATA, RSET, NOOP, QUIT. Keeps every message it accepts.
 */
final class SmtpReceiver implements AutoCloseable {
  record Mail(String from, List<String> to, String data, String authenticatedAs) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final NetServer server;
  private final String user;
  private final String password;
  private final List<Mail> mails = new CopyOnWriteArrayList<>();

  SmtpReceiver(String user, String password) {
    this.user = user;
    this.password = password;
    server = await("an SMTP server to listen", vertx.createNetServer().connectHandler(this::session).listen(0, "127.0.0.1"));
  }

  int port() {
    return server.actualPort();
  }

  List<Mail> mails() {
    return List.copyOf(mails);
  }

  private void session(NetSocket socket) {
    RecordParser lines = RecordParser.newDelimited("\r\n");
    Session s = new Session(socket);
    lines.handler(line -> s.line(line.toString(StandardCharsets.UTF_8)));
    socket.handler(lines);
    socket.write("220 localhost test SMTP\r\n");
  }

  private final class Session {
    final NetSocket socket;
    String from;
    String authenticated;
    final List<String> to = new ArrayList<>();
    StringBuilder data;

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void line(String line) {
      if (data != null) {
        if (line.equals(".")) {
          mails.add(new Mail(from, List.copyOf(to), data.toString(), authenticated));
          data = null;
          to.clear();
          reply("250 OK queued");
        } else {
          data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return;
      }
      String upper = line.toUpperCase();
      if (upper.startsWith("EHLO")) {
        reply("250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME");
      } else if (upper.startsWith("HELO")) {
        reply("250 localhost");
      } else if (upper.startsWith("AUTH PLAIN ")) {
        String[] parts = new String(Base64.getDecoder().decode(line.substring(11).trim()), StandardCharsets.UTF_8)
            .split("\0", -1);
        if (parts.length == 3 && parts[1].equals(user) && parts[2].equals(password)) {
          authenticated = parts[1];
          reply("235 2.7.0 Authentication successful");
        } else {
          reply("535 5.7.8 Authentication credentials invalid");
        }
      } else if (upper.startsWith("MAIL FROM:")) {
        from = address(line.substring(10));
        reply("250 OK");
      } else if (upper.startsWith("RCPT TO:")) {
        to.add(address(line.substring(8)));
        reply("250 OK");
      } else if (upper.equals("DATA")) {
        data = new StringBuilder();
        reply("354 End data with <CR><LF>.<CR><LF>");
      } else if (upper.equals("QUIT")) {
        socket.write("221 Bye\r\n").onComplete(v -> socket.close());
      } else if (upper.equals("RSET") || upper.equals("NOOP")) {
        reply("250 OK");
      } else {
        reply("502 Command not implemented");
      }
    }

    void reply(String text) {
      socket.write(Buffer.buffer(text + "\r\n"));
    }
  }

  private static String address(String text) {
    String t = text.trim();
    int lt = t.indexOf('<');
    int gt = t.indexOf('>');
    return lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t;
  }

  @Override
  public void close() {
    await("the SMTP server to close", vertx.close());
  }
}
