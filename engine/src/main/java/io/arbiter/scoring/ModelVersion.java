package io.arbiter.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A model version the registry holds, as {@code GET /v1/models} lists it. Immutable.
 *
 * @param id the version (the folder's name)
 * @param algorithm from the card; may be null
 * @param createdAt when training finished; may be null
 * @param featureSchemaVersion the extractor version the model was trained for
 * @param thresholds the card's band limits
 * @param metrics the card's holdout metrics
 * @param active whether it scores claims now
 * @param shadow whether it scores beside the active one, recorded only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersion(String id, String algorithm, Instant createdAt, String featureSchemaVersion,
    ModelCard.Thresholds thresholds, Map<String, Double> metrics, boolean active, boolean shadow) {

  public ModelVersion {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** The version a card describes, with its serving roles. */
  public static ModelVersion of(ModelCard card, boolean active, boolean shadow) {
    return new ModelVersion(card.id(), card.algorithm(), card.createdAt(), card.featureSchema().version(),
        card.thresholds(), card.metrics(), active, shadow);
  }
}
