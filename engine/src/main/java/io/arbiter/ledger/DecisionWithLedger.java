package io.arbiter.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arbiter.claim.ClaimDecision;

/**
 * A claim's current decision with its own ledger entry, read as of the same commit: what
 * {@code GET /v1/claims/{code}} answers. Written as JSON, the decision's fields come first and
 * {@code ledger} beside them.
 *
 * @param ledger null (left out of the JSON) when the claim books nothing: a rejected claim
 */
public record DecisionWithLedger(@JsonUnwrapped ClaimDecision decision,
    @JsonInclude(JsonInclude.Include.NON_NULL) LedgerEntry ledger) {}
