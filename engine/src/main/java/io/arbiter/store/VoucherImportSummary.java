package io.arbiter.store;

import java.util.List;

/**
 * The outcome of a voucher import: rows read, vouchers written (added, or updated unless already
 * Used), rows refused, and the first problems with their line, field and reason.
 */
public record VoucherImportSummary(long read, long imported, long rejected, List<ImportError> errors) {

  public VoucherImportSummary {
    errors = List.copyOf(errors);
  }
}
