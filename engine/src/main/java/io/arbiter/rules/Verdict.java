package io.arbiter.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rules decided about one fact: a rejection code (0 while none), the rule that decided
 * and why. Base of the mutable facts; not thread-safe (one session owns its facts). Codes are
 * numbers so that the DRL files stay plain (docs/adjudication.md §1 lists them); the engine
 * turns them into {@code io.arbiter.claim.RejectionCode} and refuses a number that is none.
 */
public abstract class Verdict {
  private int rejectionReason;
  private String rule;
  private String explanation;
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  /** Records a rejection; the first one wins, later calls are ignored. */
  public void reject(int code, String rule, String explanation, Object... keyValues) {
    if (rejectionReason != 0) {
      return;
    }
    this.rejectionReason = code;
    explain(rule, explanation, keyValues);
  }

  /** Takes over another fact's rejection (a claim's, or a failing product line's), if none yet. */
  public void adopt(Verdict other) {
    if (rejectionReason == 0 && other.rejectionReason != 0) {
      rejectionReason = other.rejectionReason;
      rule = other.rule;
      explanation = other.explanation;
      parameters.clear();
      parameters.putAll(other.parameters);
    }
  }

  /** Replaces any earlier rejection (for claim-wide consequences such as a category maximum). */
  public void overrule(int code, String rule, String explanation, Object... keyValues) {
    this.rejectionReason = code;
    explain(rule, explanation, keyValues);
  }

  /** Records which rule decided and why, without a rejection. */
  protected void explain(String rule, String explanation, Object... keyValues) {
    this.rule = rule;
    this.explanation = explanation;
    parameters.clear();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      parameters.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
  }

  public int getRejectionReason() {
    return rejectionReason;
  }

  public boolean isRejected() {
    return rejectionReason != 0;
  }

  public String getRule() {
    return rule;
  }

  public String getExplanation() {
    return explanation;
  }

  public Map<String, Object> getParameters() {
    return Collections.unmodifiableMap(parameters);
  }
}
