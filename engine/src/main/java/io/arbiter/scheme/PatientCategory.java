package io.arbiter.scheme;

import java.util.List;

/**
 * Who an item or service is for, one concern at a time, as an alternative to openIMIS's bit mask:
 * {@code sex} lists {@code M} and/or {@code F}, {@code age} lists {@code adult} and/or
 * {@code child}. A concern with nothing selected (null or empty) means everyone for that concern.
 */
public record PatientCategory(List<String> sex, List<String> age) {

  public PatientCategory {
    sex = sex == null ? List.of() : List.copyOf(sex);
    age = age == null ? List.of() : List.copyOf(age);
  }
}
