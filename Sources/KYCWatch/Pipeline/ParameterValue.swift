/// A rule parameter value as written in the pipeline file.
public enum ParameterValue: Sendable, Hashable {
    case number(Double)
    case text(String)
    case flag(Bool)
}
