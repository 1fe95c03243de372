package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseFramingTest {
  private final List<String> heard = new ArrayList<>();
  private final ResponseFraming framing = new ResponseFraming((status, keepAlive) -> heard.add(status + (keepAlive ? "" : " close")));

  private void feed(String text) throws ResponseFraming.BadResponse {
    framing.feed(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** Every response below, fed whole, then byte by byte: where a read ends never changes what is heard. */
  private void assertHeard(String responses, String... expected) throws ResponseFraming.BadResponse {
    feed(responses);
    assertEquals(List.of(expected), heard, "whole");
    heard.clear();
    ResponseFraming oneByte = new ResponseFraming((status, keepAlive) -> heard.add(status + (keepAlive ? "" : " close")));
    for (byte b : responses.getBytes(StandardCharsets.ISO_8859_1)) {
      oneByte.feed(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertEquals(List.of(expected), heard, "byte by byte");
  }

  @Test
  void aBodyIsSkippedByItsLengthAndOtherHeadersAreIgnored() throws Exception {
    assertHeard("HTTP/1.1 200 OK\r\nServer: nginx\r\nCONTENT-length: 5\r\nX-Note: Connection: close\r\n\r\nhello"
        + "HTTP/1.1 404 Not Found\r\ncontent-length:0\r\n\r\n", "200", "404");
  }

  @Test
  void chunksWithExtensionsAndTrailersEndWhereTheLastChunkDoes() throws Exception {
    assertHeard("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\nExpires: never\r\n\r\n"
        + "HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n", "200", "201");
  }

  @Test
  void theConnectionHeaderAndTheVersionDecideWhetherTheConnectionStays() throws Exception {
    assertHeard("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 0\r\n\r\n"
        + "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"
        + "HTTP/1.0 200 OK\r\nconnection: keep-alive\r\nContent-Length: 0\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nConnection: upgrade\r\nContent-Length: 0\r\n\r\n", "200 close", "200 close", "200", "200");
  }

  @Test
  void interimAndBodylessResponsesAreFramedWithoutABody() throws Exception {
    assertHeard("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"
        + "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "204", "304", "200");
  }

  @Test
  void aBodyWithoutFramingRunsUntilTheClose() throws Exception {
    feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nanything, however long");
    assertEquals(List.of(), heard);
    framing.closed();
    assertEquals(List.of("200 close"), heard);
  }

  @Test
  void aCloseInTheMiddleOfAResponseEndsNone() throws Exception {
    feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
    framing.closed();
    assertEquals(List.of(), heard);
  }

  @Test
  void whatIsNotAnHttpResponseIsRefused() {
    for (String bad : List.of("SSH-2.0-OpenSSH\r\n", "HTTP/2 200\r\n", "HTTP/1.1 2x0 OK\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n")) {
      ResponseFraming fresh = new ResponseFraming((status, keepAlive) -> heard.add("unexpected"));
      assertThrows(ResponseFraming.BadResponse.class,
          () -> fresh.feed(Unpooled.wrappedBuffer(bad.getBytes(StandardCharsets.ISO_8859_1))), bad);
    }
    assertEquals(List.of(), heard);
  }

  @Test
  void aHeadOverItsBoundIsRefused() throws Exception {
    ResponseFraming.BadResponse longLine = assertThrows(ResponseFraming.BadResponse.class,
        () -> feed("HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseFraming.MAX_LINE)));
    assertTrue(longLine.getMessage().contains("line"), longLine.getMessage());

    ResponseFraming fresh = new ResponseFraming((status, keepAlive) -> heard.add("unexpected"));
    fresh.feed(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n", StandardCharsets.ISO_8859_1));
    ResponseFraming.BadResponse manyLines = assertThrows(ResponseFraming.BadResponse.class, () -> {
      for (int i = 0; i < ResponseFraming.MAX_HEAD / 10; i++) {
        fresh.feed(Unpooled.copiedBuffer("X-" + i % 10 + ": 1234567\r\n", StandardCharsets.ISO_8859_1));
      }
    });
    assertTrue(manyLines.getMessage().contains("head"), manyLines.getMessage());
  }
}
