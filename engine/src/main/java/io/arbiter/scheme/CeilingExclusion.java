package io.arbiter.scheme;

/** Ceiling exclusion of a product line: always (B), on hospital visits (H), or never (N). */
public enum CeilingExclusion {
  B,
  H,
  N
}
