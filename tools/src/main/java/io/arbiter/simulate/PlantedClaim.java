package io.arbiter.simulate;

import io.arbiter.claim.Claim;

/**
 * A generated claim (not yet numbered) with the ground truth of each line.
 *
 * @param claim the claim as generated; {@link Simulation} gives it its code
 * @param items one plant per item line, in order
 * @param services one plant per service line, in order
 */
record PlantedClaim(Claim claim, Plant[] items, Plant[] services) {
  /** An honest claim: every line normal. */
  static PlantedClaim honest(Claim claim) {
    return new PlantedClaim(claim, Plant.normals(claim.items().size()), Plant.normals(claim.services().size()));
  }
}
