package io.arbiter.scheme;

/** An ICD code of the scheme's diagnosis list. */
public record Diagnosis(String code, String name) {}
