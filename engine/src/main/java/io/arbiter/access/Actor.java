package io.arbiter.access;

/**
 * Who made a change, as the audit trail records it.
 *
 * @param id the API key's id, or {@code cli:<user>} for a change made with the command line
 * @param name the key's name (may be empty)
 */
public record Actor(String id, String name) {
  public Actor {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an actor needs an id");
    }
    name = name == null ? "" : name;
  }

  /** The person running the command line (keys are managed there, not over HTTP). */
  public static Actor commandLine() {
    return new Actor("cli:" + System.getProperty("user.name", "unknown"), "command line");
  }
}
