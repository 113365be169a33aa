package io.arbiter.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;

/*
 * Why: jackson-datatype-jsr310 reads a LocalDate from an ISO string, but also from an array
 * [2026, 6, 1]; openapi.yaml says a date is a string, and the server must take exactly what the
 * contract says. The check wraps whatever deserializer jsr310 contextualises (its
 * leniency setting included) instead of replacing it.
 */
/** Dates are ISO strings only: a module that refuses any other JSON shape for a {@link LocalDate}. */
final class IsoDates {
  private IsoDates() {}

  static SimpleModule module() {
    return new SimpleModule("iso-dates").setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
          JsonDeserializer<?> deserializer) {
        return description.getBeanClass() == LocalDate.class ? new StringOnly(deserializer) : deserializer;
      }
    });
  }

  private static final class StringOnly extends DelegatingDeserializer {
    StringOnly(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new StringOnly(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.isExpectedStartArrayToken() || p.isExpectedStartObjectToken()) {
        return ctxt.handleUnexpectedToken(LocalDate.class, p);
      }
      return super.deserialize(p, ctxt);
    }
  }
}
