package io.arbiter.scheme;

/** Where a product line takes the unit price from: price list, provider's asked price, relative price. */
public enum PriceOrigin {
  P,
  O,
  R
}
