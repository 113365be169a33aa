package io.arbiter.review;

import java.util.Map;

/**
 * What a new sampling batch draws from and how: exactly one of {@code percentage} (a plain openIMIS
 * batch) or {@code rates} (a risk-stratified audit sample).
 *
 * @param filter the claims to draw from: checked claims not already selected, reviewed or in a batch
 * @param percentage 1–100: ⌊p % × N⌋ claims, at least one, drawn uniformly
 * @param rates per risk band ({@code pass}, {@code review}, {@code reject}, {@code unscored}), a
 *     percentage in (0, 100]: ⌊p % × N⌋ of the band, at least two (so that the band's variance can be
 *     estimated), drawn uniformly; every band present in the set needs a rate
 * @param seed seeds the draw; null for a random seed (recorded on the batch either way)
 */
public record BatchRequest(ClaimFilter filter, Double percentage, Map<String, Double> rates, Long seed) {}
