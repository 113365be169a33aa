package io.arbiter.population;

import io.arbiter.scheme.Voucher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a voucher register as CSV: a header {@code number,status} then one voucher a row, status
 * New, Used or Cancel in any case. Rows in bad form are reported with their line, field and reason
 * and skipped; the others are returned for writing. Not thread-safe; one reader per import.
 */
public final class VoucherImport {
  private final Pattern numberFormat;
  private final List<Voucher> vouchers = new ArrayList<>();
  private final List<ImportError> errors = new ArrayList<>();
  private long read;

  /** @param numberFormat what a voucher number must look like (the scheme's voucherNumberFormat) */
  public VoucherImport(Pattern numberFormat) {
    this.numberFormat = numberFormat;
  }

  /**
   * Reads every row; the header must name {@code number} and {@code status}.
   *
   * @return this reader, holding the vouchers in good form
   * @throws ImportException when the header lacks {@code number} or {@code status}
   * @throws IOException when reading {@code in} fails
   */
  public VoucherImport read(Reader in) throws IOException {
    BufferedReader lines = new BufferedReader(in);
    String header = lines.readLine();
    List<String> columns = header == null ? List.of() : split(header.toLowerCase(Locale.ROOT));
    int number = columns.indexOf("number");
    int status = columns.indexOf("status");
    if (number < 0 || status < 0) {
      throw new ImportException("the first line must name the columns number and status",
          List.of(new ImportError(1, "", "header must be number,status")));
    }
    long line = 1;
    for (String row = lines.readLine(); row != null; row = lines.readLine()) {
      line++;
      if (row.isBlank()) {
        continue;
      }
      read++;
      List<String> cells = split(row);
      String n = cells.size() > number ? cells.get(number).trim() : "";
      String s = cells.size() > status ? cells.get(status).trim() : "";
      boolean ok = true;
      if (!numberFormat.matcher(n).matches()) {
        errors.add(new ImportError(line, "number", "must match " + numberFormat.pattern() + ", was '" + n + "'"));
        ok = false;
      }
      Voucher.Status parsed = null;
      try {
        parsed = Voucher.Status.of(s);
      } catch (IllegalArgumentException e) {
        errors.add(new ImportError(line, "status", e.getMessage()));
        ok = false;
      }
      if (ok) {
        vouchers.add(new Voucher(n, parsed));
      }
    }
    return this;
  }

  private static List<String> split(String row) {
    List<String> cells = new ArrayList<>();
    for (String cell : row.split(",", -1)) {
      cells.add(cell.strip().replaceAll("^\"|\"$", ""));
    }
    return cells;
  }

  /** The vouchers of the rows in good form, in input order (a number may come more than once). */
  public List<Voucher> vouchers() {
    return List.copyOf(vouchers);
  }

  /**
   * What was read, changed and refused.
   *
   * @param changed how many of the rows in good form changed the register
   */
  public VoucherImportSummary summary(long changed) {
    return new VoucherImportSummary(read, changed, vouchers.size() - changed, read - vouchers.size(),
        errors.subList(0, Math.min(errors.size(), ImportSummary.MAX_ERRORS)));
  }
}
