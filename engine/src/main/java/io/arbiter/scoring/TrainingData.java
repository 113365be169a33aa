package io.arbiter.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A training file: NDJSON whose first line is a {@link Header} (the scheme's registers the claims
 * were adjudicated against) and every further line a {@link TrainingRecord}, in the order the
 * claims were decided. Written by the simulator and by {@code arbiter export-training}, read by
 * {@code arbiter train}.
 */
public final class TrainingData {
  /** Format name in the header; a reader refuses files of another format. */
  public static final String FORMAT = "arbiter-training-1";

  private TrainingData() {}

  /**
   * @param format {@link #FORMAT}
   * @param source what produced the file, e.g. "simulator seed=7 claims=20000"
   * @param scheme the scheme's registers, facilities and products (the population may be left out:
   *     each record carries its insuree)
   */
  public record Header(String format, String source, SchemeDocument scheme) {
    public Header {
      Objects.requireNonNull(scheme, "scheme");
    }
  }

  /** Writes a training file line by line; not thread-safe. */
  public static final class Writer implements Closeable {
    private final java.io.Writer out;
    private final ObjectMapper mapper = Json.mapper();
    private long records;

    /** Creates (or replaces) the file and writes its header. */
    public Writer(Path file, String source, SchemeDocument scheme) throws IOException {
      this(Files.newBufferedWriter(file, StandardCharsets.UTF_8), source, scheme);
    }

    /** Writes the header to {@code out}, which this writer then owns and closes. */
    public Writer(java.io.Writer out, String source, SchemeDocument scheme) throws IOException {
      this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
      line(new Header(FORMAT, source, scheme));
    }

    public void write(TrainingRecord record) throws IOException {
      line(record);
      records++;
    }

    public long records() {
      return records;
    }

    private void line(Object value) throws IOException {
      out.write(mapper.writeValueAsString(value));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads a training file record by record; not thread-safe. */
  public static final class Reader implements Closeable, Iterator<TrainingRecord> {
    private final BufferedReader in;
    private final Header header;
    private String next;
    private long line = 1;

    /**
     * @throws IOException when the file cannot be read, or its first line is not a header of
     *     {@link #FORMAT}
     */
    public Reader(Path file) throws IOException {
      this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String first = in.readLine();
      try {
        this.header = first == null ? null : Json.mapper().readValue(first, Header.class);
      } catch (JsonProcessingException e) {
        in.close();
        throw new IOException(file + ": line 1 is not a training header: " + e.getOriginalMessage(), e);
      }
      if (header == null || !FORMAT.equals(header.format())) {
        in.close();
        throw new IOException(file + ": not a training file of format " + FORMAT);
      }
      this.next = in.readLine();
    }

    public Header header() {
      return header;
    }

    @Override
    public boolean hasNext() {
      return next != null && !next.isBlank();
    }

    /** @throws UncheckedIOException when a line cannot be read as a record, naming the line */
    @Override
    public TrainingRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      line++;
      try {
        TrainingRecord record = Json.mapper().readValue(next, TrainingRecord.class);
        next = in.readLine();
        return record;
      } catch (IOException e) {
        throw new UncheckedIOException("line " + line + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
