package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.JsonInput;
import io.arbiter.batch.Refusal;
import io.arbiter.engine.ArbiterException;
import io.arbiter.input.InputRefusal;
import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files the commands name; every failure is an {@link InputException} naming the file. */
final class Inputs {
  private Inputs() {}

  /**
   * One claim of a claims file: its JSON, or why its NDJSON line is not JSON.
   *
   * @param json null when {@code error} is set
   */
  record ClaimEntry(JsonNode json, JsonProcessingException error) {
    /** The claim's JSON; throws the line's syntax error if it had one. */
    JsonNode node() throws JsonProcessingException {
      if (error != null) {
        throw error;
      }
      return json;
    }
  }

  static SchemeDocument scheme(Path file) {
    try {
      return JsonInput.read(bytes(file), SchemeDocument.class);
    } catch (JsonProcessingException | ArbiterException | InputRefusal e) {
      throw new InputException("scheme file " + file + ": " + describe(Refusal.of(e)));
    }
  }

  /**
   * The claims of a file holding a JSON claim, a JSON array of claims, or NDJSON (one claim a line,
   * blank lines skipped). NDJSON is recognised by a first line that is a whole JSON value; then a
   * line that is not JSON becomes an entry with its error, and the following lines still count. In
   * the other two forms a syntax error means nothing can be trusted, and the file is refused.
   */
  static List<ClaimEntry> claims(Path file) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new InputException("claims file " + file + " is not UTF-8");
    }
    String body = text.strip();
    if (body.isEmpty()) {
      return List.of();
    }
    List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
    if (!body.startsWith("[") && isJsonValue(lines.get(0))) {
      List<ClaimEntry> entries = new ArrayList<>();
      for (String line : lines) {
        try {
          entries.add(new ClaimEntry(Json.mapper().readTree(line), null));
        } catch (JsonProcessingException e) {
          entries.add(new ClaimEntry(null, e));
        }
      }
      return entries;
    }
    JsonNode document;
    try {
      document = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new InputException("claims file " + file + ": " + describe(Refusal.of(e)));
    }
    List<ClaimEntry> entries = new ArrayList<>();
    if (document.isArray()) {
      document.forEach(claim -> entries.add(new ClaimEntry(claim, null)));
    } else {
      entries.add(new ClaimEntry(document, null));
    }
    return entries;
  }

  /** A problem as one message: its detail, then each field on its own line. */
  static String describe(Refusal problem) {
    StringBuilder message = new StringBuilder(problem.detail());
    for (Refusal.FieldError e : problem.errors()) {
      message.append("\n  ").append(e.field().isEmpty() ? "" : e.field() + ": ").append(e.detail());
    }
    return message.toString();
  }

  private static boolean isJsonValue(String line) {
    try {
      Json.mapper().readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + reason(e));
    }
  }

  /** Why a file could not be read, for a person (the JDK's messages often just repeat the path). */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    return e.getMessage();
  }
}
