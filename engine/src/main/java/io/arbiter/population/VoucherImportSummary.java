package io.arbiter.population;

import java.util.List;

/**
 * The outcome of a voucher import; {@code read} = {@code imported} + {@code unchanged} +
 * {@code rejected}.
 *
 * @param read rows read (blank lines are not rows)
 * @param imported rows that changed the register: a voucher added, or its status changed
 * @param unchanged rows in good form that changed nothing: the voucher already had that status, or
 *     is Used (never set back)
 * @param rejected rows in bad form, skipped
 * @param errors the first problems, with their line, field and reason
 */
public record VoucherImportSummary(long read, long imported, long unchanged, long rejected, List<ImportError> errors) {

  public VoucherImportSummary {
    errors = List.copyOf(errors);
  }
}
