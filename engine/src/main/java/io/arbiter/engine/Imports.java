package io.arbiter.engine;

import io.arbiter.scheme.Product;
import io.arbiter.population.ImportException;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.population.VoucherImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Imports into the population an {@link Arbiter} adjudicates against ({@code arbiter.imports()}):
 * families, insurees, policies and memberships, and the voucher register. Thread-safe; blocks.
 */
public final class Imports {
  private final EngineState state;

  Imports(EngineState state) {
    this.state = state;
  }

  /**
   * Imports families, insurees, policies and memberships into the store (see
   * {@link io.arbiter.store.Store#importPopulation}), checking that each policy names a product of the current
   * scheme. Claims submitted once it returns see the imported rows.
   *
   * @param in NDJSON or CSV, read to its end and not closed
   * @param listener told of the progress after each batch; {@link ImportListener#NONE} for none
   * @return the counts and the first problems of the rejected rows
   * @throws ArbiterException MALFORMED when the input cannot be read at all (empty, a CSV header
   *     Arbiter does not read, not one readable row), each such line as a problem; nothing was
   *     imported
   * @throws IOException when reading {@code in} fails; the batches before stay imported
   * @throws io.arbiter.store.StoreException when the database fails; the batches before stay
   * @throws UnsupportedOperationException when the store adjudicates against the scheme's own
   *     population (an in-memory store)
   */
  public ImportSummary population(InputStream in, ImportFormat format, ImportListener listener) throws IOException {
    Set<String> products = state.scheme.get().document().products().stream().map(Product::code)
        .collect(Collectors.toUnmodifiableSet());
    try {
      return state.populationStore().importPopulation(in, format, products, listener);
    } catch (ImportException e) {
      throw malformed(e);
    }
  }

  /**
   * Imports a voucher register from CSV ({@code number,status}): numbers must match the scheme's
   * {@code voucherNumberFormat}; rows in bad form are reported, the others written; a Used voucher
   * is never set back.
   *
   * @throws ArbiterException MALFORMED when the header lacks a column
   * @throws UnsupportedOperationException for an in-memory store
   */
  public VoucherImportSummary vouchers(Reader csv) throws IOException {
    Pattern format = Pattern.compile(state.scheme.get().settings().voucherNumberFormat());
    try {
      return state.populationStore().importVouchers(csv, format);
    } catch (ImportException e) {
      throw malformed(e);
    }
  }

  private static ArbiterException malformed(ImportException e) {
    return new ArbiterException(ArbiterException.Kind.MALFORMED, e.getMessage(), e.errors().stream()
        .map(error -> Problem.invalid("", "line " + error.line() + ": " + error.reason())).toList());
  }
}
