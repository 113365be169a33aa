package io.arbiter.scheme;

import java.time.LocalDate;

/**
 * A health facility.
 *
 * @param level H hospital, C health centre, D dispensary
 * @param careType null is treated as both
 * @param itemsPriceList code of the items price list
 * @param servicesPriceList code of the services price list
 */
public record HealthFacility(
    String code,
    String name,
    String level,
    CareType careType,
    String itemsPriceList,
    String servicesPriceList,
    LocalDate validFrom,
    LocalDate validTo)
    implements Validity {}
