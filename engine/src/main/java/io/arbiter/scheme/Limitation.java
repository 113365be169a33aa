package io.arbiter.scheme;

/** Limitation type of a product line: co-insurance percentage or fixed amount. */
public enum Limitation {
  C,
  F
}
