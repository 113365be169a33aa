package io.arbiter.scheme;

/** Service package type: simple, flat-fee bundle, fee-for-service package. */
public enum PackageType {
  S,
  F,
  P
}
