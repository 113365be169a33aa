package io.arbiter.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/*
 * Why a small encoder of our own rather than logback's JsonEncoder: that one nests key-value pairs
 * as a list of one-entry objects and adds fields (sequence numbers, context) a log shipper does not
 * need; operators query flat fields (status, route, claimCode). Values are written by Jackson, so
 * any message or identifier is escaped correctly.
 */

/**
 * Writes each log event as one JSON object on one line: {@code time} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code thread}, {@code message}, then the MDC entries (the request's
 * {@code requestId}) and the event's key-value pairs as top-level fields, and {@code error} with
 * the stack trace when there is one. Used by {@code logback.xml}; logback calls it from one thread
 * per appender.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NONE = new byte[0];
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", event.getInstant().toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", event.getFormattedMessage());
      for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair kv : event.getKeyValuePairs()) {
          json.writeFieldName(kv.key);
          MAPPER.writeValue(json, kv.value);
        }
      }
      if (event.getThrowableProxy() != null) {
        json.writeStringField("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a log line", e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
