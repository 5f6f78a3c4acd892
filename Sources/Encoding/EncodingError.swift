/// Why a set of policies could not be compiled faithfully. The query layer reports such a
/// resource as UNPROVEN with this reason: never as safe.
public enum EncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A construct the encoding does not model exactly (the message says which and where).
    case unsupported(String)
    /// A policy with ERROR diagnostics: it is never analysed.
    case invalidPolicy(String)

    public var description: String {
        switch self {
        case .unsupported(let what): return "not modelled exactly by the encoding: \(what)"
        case .invalidPolicy(let source): return "policy \(source) has errors and is not analysed"
        }
    }
}
