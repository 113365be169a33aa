package io.arbiter.population;

import java.io.IOException;
import java.io.InputStream;

/*
 * Why lines are cut from bytes rather than read through a Reader: a line that is not UTF-8 must
 * cost only itself (a decoding Reader fails the whole stream), a line without end (a binary upload)
 * must not fill the memory, and the bytes consumed are what progress is measured in.
 */

/**
 * The lines of an import's input, one at a time, as bytes without the line end (LF or CRLF) and
 * without a UTF-8 byte order mark at the start. A line longer than {@value #MAX_LENGTH} bytes is
 * kept only up to there and flagged. Not thread-safe.
 */
final class ImportLines {
  /** The longest line kept: far above any record, far below what could hurt the memory. */
  static final int MAX_LENGTH = 1 << 16;

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int end;
  private boolean exhausted;
  private byte[] line = new byte[512];
  private int length;
  private boolean truncated;
  private long number;
  private long bytes;

  ImportLines(InputStream in) {
    this.in = in;
  }

  /**
   * Moves to the next line.
   *
   * @return false at the end of the input
   * @throws IOException when the input cannot be read
   */
  boolean next() throws IOException {
    length = 0;
    truncated = false;
    boolean started = false;
    while (true) {
      if (position == end) {
        if (exhausted || !fill()) {
          if (!started) {
            return false;
          }
          break;
        }
      }
      started = true;
      int newline = position;
      while (newline < end && buffer[newline] != '\n') {
        newline++;
      }
      append(position, newline - position);
      if (newline < end) {
        position = newline + 1;
        break;
      }
      position = end;
    }
    number++;
    if (length > 0 && line[length - 1] == '\r' && !truncated) {
      length--;
    }
    if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
      System.arraycopy(line, 3, line, 0, length - 3);
      length -= 3;
    }
    return true;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n < 0) {
      exhausted = true;
      return false;
    }
    position = 0;
    end = n;
    bytes += n;
    return true;
  }

  private void append(int from, int count) {
    int room = MAX_LENGTH - length;
    if (count > room) {
      truncated = true;
      count = room;
    }
    if (length + count > line.length) {
      byte[] grown = new byte[Math.min(MAX_LENGTH, Math.max(line.length * 2, length + count))];
      System.arraycopy(line, 0, grown, 0, length);
      line = grown;
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  /** The current line's bytes, from 0 to {@link #length()}; valid until the next call of {@link #next()}. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** Whether the current line was longer than {@value #MAX_LENGTH} bytes (and was cut there). */
  boolean truncated() {
    return truncated;
  }

  /** The current line's 1-based number. */
  long number() {
    return number;
  }

  /** Whether the current line holds nothing but spaces and tabs. */
  boolean blank() {
    for (int i = 0; i < length; i++) {
      if (line[i] != ' ' && line[i] != '\t') {
        return false;
      }
    }
    return !truncated;
  }

  /** Bytes read from the input so far. */
  long bytesRead() {
    return bytes;
  }
}
