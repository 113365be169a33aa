package io.arbiter.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/*
 * Why SHA-256 and not a password hash (bcrypt, scrypt): a token carries 256 random bits, so no
 * dictionary or brute force can invert its digest; a slow hash would only slow every request.
 * Why the id is inside the token: the server finds the key by id and compares digests in constant
 * time, so neither the lookup nor the comparison tells an attacker how close a guess was.
 */

/**
 * The format of API tokens, {@code arb.<id>.<secret>}: a 12-character id and 256 random bits,
 * URL-safe Base64, so a token needs no quoting in a header, a shell or a URL.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "arb.";

  private Tokens() {}

  /** A token made of {@code id} and fresh random secret bits. */
  public static String create(String id) {
    return PREFIX + id + "." + random(32);
  }

  /**
   * A new key id: 72 random bits, never starting with '-' or '_' (collisions are also refused by
   * the store's key). An id is typed after {@code arbiter keys revoke}, where a leading '-' reads
   * as an option (1 id in 32 did before).
   */
  public static String newId() {
    String id;
    do {
      id = random(9);
    } while (!Character.isLetterOrDigit(id.charAt(0)));
    return id;
  }

  /** The id inside a token; null when the token does not have the format. */
  public static String idOf(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return null;
    }
    int dot = token.indexOf('.', PREFIX.length());
    return dot < 0 || dot == PREFIX.length() || dot == token.length() - 1 ? null : token.substring(PREFIX.length(), dot);
  }

  /** What is kept of a token: the lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String digest(String token) {
    return sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  /** The lower-case hex SHA-256 of {@code bytes}; the audit trail's before/after hashes use it too. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether two digests are equal, in time that does not depend on where they differ. */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
