/// Where a canonical column's value comes from.
public enum ColumnSource: Sendable, Hashable {
    /// A source column by header name, with the value's format.
    case column(String, format: ValueFormat)
    /// The same value on every row.
    case constant(String)
}
