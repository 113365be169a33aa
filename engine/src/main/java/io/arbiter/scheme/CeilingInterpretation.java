package io.arbiter.scheme;

/**
 * How a product decides that a claim is a hospital visit: {@code I} when the claim is in-patient
 * (the default), {@code H} when the facility's level is hospital.
 */
public enum CeilingInterpretation {
  I,
  H
}
