package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.VecValue;

/** A column read from a columnar file, turned into a Weld vector once the parameter's element type is known. */
interface ColumnData {
  /** The column as a {@code vec[elem]}; a {@link CliException} if its values do not fit {@code elem}. */
  VecValue toVec(Type elem, String path);
}
