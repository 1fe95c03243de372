package dev.vigie.stress;

import io.netty.buffer.ByteBuf;

/**
 * Where each HTTP/1.1 response ends in the bytes of one connection, and the two things a load generator needs of it:
 * the status code and whether the connection stays open. Only Content-Length, Transfer-Encoding and Connection are
 * read; other headers are skipped unread, and the body is skipped by its length, its chunks or the connection's end
 * (RFC 9112, section 6.3). This is wrk's approach: Netty's general decoder put every header of every response in a
 * map, a quarter of the closed model's event loop. Responses are read one after another (the generator does not
 * pipeline); a plain class, fed what the connection reads.
 */
final class ResponseFraming {
  /** Longest status, header or chunk-size line accepted. */
  static final int MAX_LINE = 8192;
  /** Most bytes of status line and headers (or of trailers) in one response. */
  static final int MAX_HEAD = 65_536;

  /** Told of each complete response, once its last byte is read. */
  interface Listener {
    void response(int status, boolean keepAlive);
  }

  /** Bytes that are not an HTTP/1.x response; the connection cannot be read any further. */
  static final class BadResponse extends Exception {
    BadResponse(String message) {
      super(message, null, false, false);
    }
  }

  private enum State { STATUS, HEADER, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE }

  private final Listener listener;
  private final byte[] line = new byte[MAX_LINE];
  /** What is read of a line state's bytes, copied from the connection's buffer in one go: not one call per byte. */
  private final byte[] window = new byte[MAX_LINE];
  private State state = State.STATUS;
  private int lineLength;
  private int headBytes;
  private int status;
  private boolean http10;
  private long contentLength;
  private boolean chunked;
  private boolean otherCoding;
  private boolean close;
  private boolean keepAliveAsked;
  private long remaining;

  ResponseFraming(Listener listener) {
    this.listener = listener;
  }

  /** Reads what the connection received; the listener hears each response completed by it. */
  void feed(ByteBuf data) throws BadResponse {
    int at = data.readerIndex();
    int length = data.writerIndex();
    while (at < length) {
      if (state == State.UNTIL_CLOSE) {
        return;
      }
      if (inBody()) {
        int skipped = (int) Math.min(remaining, length - at);
        at += skipped;
        remaining -= skipped;
        if (remaining == 0) {
          if (state == State.LENGTH_BODY) {
            complete();
          } else {
            state = State.CHUNK_END;
          }
        }
        continue;
      }
      int copied = Math.min(length - at, window.length);
      data.getBytes(at, window, 0, copied);
      int used = 0;
      while (used < copied && !inBody() && state != State.UNTIL_CLOSE) {
        used = readLine(used, copied);
      }
      at += used;
    }
  }

  private boolean inBody() {
    return state == State.LENGTH_BODY || state == State.CHUNK_DATA;
  }

  /**
   * The connection ended: that ends a response read until the close (the listener hears it); any other response
   * under way was cut short.
   */
  void closed() {
    if (state == State.UNTIL_CLOSE) {
      state = State.STATUS;
      listener.response(status, false);
    }
  }

  /**
   * Reads {@code window[from, to)} up to the end of the current line (or all of it); handles the line when its end
   * is there. Returns where it stopped.
   */
  private int readLine(int from, int to) throws BadResponse {
    int newline = from;
    while (newline < to && window[newline] != '\n') {
      newline++;
    }
    int count = newline - from;
    if (lineLength + count > MAX_LINE) {
      throw new BadResponse("response line over " + MAX_LINE + " bytes");
    }
    System.arraycopy(window, from, line, lineLength, count);
    lineLength += count;
    if (newline == to) {
      return to;
    }
    int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
    headBytes += lineLength + 1;
    if (headBytes > MAX_HEAD) {
      throw new BadResponse("response head over " + MAX_HEAD + " bytes");
    }
    lineLength = 0;
    handleLine(end);
    return newline + 1;
  }

  private void handleLine(int end) throws BadResponse {
    switch (state) {
      case STATUS -> statusLine(end);
      case HEADER -> {
        if (end == 0) {
          endOfHead();
        } else {
          header(end);
        }
      }
      case CHUNK_SIZE -> chunkSize(end);
      case CHUNK_END -> {
        if (end != 0) {
          throw new BadResponse("chunk data longer than its size");
        }
        state = State.CHUNK_SIZE;
      }
      case TRAILER -> {
        if (end == 0) {
          complete();
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void statusLine(int end) throws BadResponse {
    if (end == 0) {
      headBytes = 0; // an empty line before a status line may be ignored (RFC 9112, section 2.2)
      return;
    }
    if (end < 12 || !startsWith("HTTP/1.") || (line[7] != '0' && line[7] != '1') || line[8] != ' '
        || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11]) || (end > 12 && line[12] != ' ')) {
      throw new BadResponse("not an HTTP/1.x status line: " + text(0, Math.min(end, 40)));
    }
    status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    http10 = line[7] == '0';
    contentLength = -1;
    chunked = false;
    otherCoding = false;
    close = false;
    keepAliveAsked = false;
    state = State.HEADER;
  }

  private void header(int end) throws BadResponse {
    if (line[0] == ' ' || line[0] == '\t') {
      return; // obsolete line folding continues a header this reader does not need
    }
    int colon = indexOf((byte) ':', 0, end);
    if (colon <= 0) {
      throw new BadResponse("header line without a name: " + text(0, Math.min(end, 40)));
    }
    int first = line[0] | 0x20;
    if (first != 'c' && first != 't') {
      return; // neither Content-Length, Connection nor Transfer-Encoding
    }
    if (nameIs("content-length", colon)) {
      long value = contentLength(colon + 1, end);
      if (contentLength >= 0 && contentLength != value) {
        throw new BadResponse("two different Content-Length headers");
      }
      contentLength = value;
    } else if (nameIs("transfer-encoding", colon)) {
      // The last coding decides: chunked frames the body, any other means the body runs until the close.
      int last = lastIndexOf((byte) ',', colon + 1, end) + 1;
      boolean isChunked = tokenIs("chunked", Math.max(last, colon + 1), end);
      chunked = isChunked;
      otherCoding = !isChunked;
    } else if (nameIs("connection", colon)) {
      int from = colon + 1;
      while (from < end) {
        int comma = indexOf((byte) ',', from, end);
        int to = comma < 0 ? end : comma;
        close |= tokenIs("close", from, to);
        keepAliveAsked |= tokenIs("keep-alive", from, to);
        from = to + 1;
      }
    }
  }

  private void endOfHead() throws BadResponse {
    if (status == 101) {
      throw new BadResponse("101 Switching Protocols to a request that asked for none");
    }
    if (status >= 100 && status < 200) {
      state = State.STATUS; // an interim response: the final one follows
      headBytes = 0;
      return;
    }
    if (status == 204 || status == 304) {
      complete();
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (otherCoding || contentLength < 0) {
      state = State.UNTIL_CLOSE;
    } else if (contentLength == 0) {
      complete();
    } else {
      remaining = contentLength;
      state = State.LENGTH_BODY;
    }
  }

  private void chunkSize(int end) throws BadResponse {
    long size = 0;
    int digits = 0;
    int at = 0;
    while (at < end && line[at] != ';' && line[at] != ' ' && line[at] != '\t') {
      int digit = Character.digit(line[at++], 16);
      if (digit < 0 || ++digits > 15) {
        throw new BadResponse("bad chunk size: " + text(0, Math.min(end, 40)));
      }
      size = size * 16 + digit;
    }
    if (digits == 0) {
      throw new BadResponse("bad chunk size: " + text(0, Math.min(end, 40)));
    }
    if (size == 0) {
      headBytes = 0;
      state = State.TRAILER;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
  }

  private long contentLength(int from, int end) throws BadResponse {
    int start = skipSpaces(from, end);
    int stop = end;
    while (stop > start && (line[stop - 1] == ' ' || line[stop - 1] == '\t')) {
      stop--;
    }
    if (stop == start || stop - start > 18) {
      throw new BadResponse("bad Content-Length: " + text(from, Math.min(end, from + 40)));
    }
    long value = 0;
    for (int i = start; i < stop; i++) {
      if (!isDigit(line[i])) {
        throw new BadResponse("bad Content-Length: " + text(from, Math.min(end, from + 40)));
      }
      value = value * 10 + (line[i] - '0');
    }
    return value;
  }

  private void complete() {
    boolean keepAlive = http10 ? keepAliveAsked && !close : !close;
    state = State.STATUS;
    headBytes = 0;
    listener.response(status, keepAlive);
  }

  private boolean startsWith(String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code line[0, colon)} is {@code name} (lower case), case aside. */
  private boolean nameIs(String name, int colon) {
    return colon == name.length() && sameLetters(name, 0);
  }

  /** Whether {@code line[from, to)}, spaces around it aside, is {@code token} (lower case), case aside. */
  private boolean tokenIs(String token, int from, int to) {
    int start = skipSpaces(from, to);
    int stop = to;
    while (stop > start && (line[stop - 1] == ' ' || line[stop - 1] == '\t')) {
      stop--;
    }
    return stop - start == token.length() && sameLetters(token, start);
  }

  private boolean sameLetters(String lower, int at) {
    for (int i = 0; i < lower.length(); i++) {
      int c = line[at + i];
      if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int skipSpaces(int from, int end) {
    int at = from;
    while (at < end && (line[at] == ' ' || line[at] == '\t')) {
      at++;
    }
    return at;
  }

  private int indexOf(byte b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private int lastIndexOf(byte b, int from, int end) {
    for (int i = end - 1; i >= from; i--) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private String text(int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int c = line[i] & 0xff;
      out.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    return out.toString();
  }
}
