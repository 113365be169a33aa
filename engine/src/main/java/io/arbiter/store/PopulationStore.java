package io.arbiter.store;

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

/**
 * An insured population and voucher register of the store's own, which imports replace, as the
 * population and voucher imports use them. A store that adjudicates against the scheme's own
 * population (such as {@link MemoryStore}) has none to import into and does not implement it (see
 * {@link Store#populationStore}).
 */
public interface PopulationStore {

  /**
   * Adds or replaces families, insurees, policies and memberships read from NDJSON or CSV (see
   * {@link ImportFormat}), streaming: rows are read, checked and written in batches, one
   * transaction each, so memory does not grow with the input. A row is rejected, with its line,
   * field and reason, when a field is missing or malformed or when it refers to a family, insuree or
   * policy that is neither earlier in the input nor in the store, or to a product not in
   * {@code products}; the other rows are imported all the same. Imports run one at a time;
   * adjudications go on meanwhile and see the new rows once the import returns.
   *
   * <p>An import is not atomic: when it fails midway, the batches before stay. Importing the same
   * input again replaces the rows with themselves.
   *
   * @param in the input, read to its end and not closed
   * @param products the product codes a policy may name: the current scheme's
   * @param listener told of the progress after each batch
   * @return what was read, imported and rejected, with the first problems
   * @throws ImportException when the input cannot be read at all (empty, a CSV header Arbiter does
   *     not read, not one readable row); nothing was imported
   * @throws IOException when reading {@code in} fails
   * @throws StoreException when the database fails
   */
  ImportSummary importPopulation(InputStream in, ImportFormat format, Set<String> products,
      ImportListener listener) throws IOException;

  /**
   * Adds vouchers read from CSV ({@code number,status}) or updates their status, except that a
   * Used voucher is never set back. Rows in bad form are reported, not fatal; the good ones commit
   * together. The summary counts the rows that changed the register apart from those that changed
   * nothing (a re-run of the same file imports 0).
   *
   * @param numberFormat what a voucher number must look like
   * @throws ImportException when the header lacks {@code number} or {@code status}
   * @throws StoreException when the database fails
   */
  VoucherImportSummary importVouchers(Reader csv, Pattern numberFormat) throws IOException;
}
