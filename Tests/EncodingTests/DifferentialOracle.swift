import Authorizer
import Encoding

/// Compares the two semantics on one request: the Authorizer (the reference) and the encoding
/// with the request pinned. Any difference is a failure, including a solver `unknown` and an
/// `EncodingError` for a generated input (the generators stay within the documented limits).
enum DifferentialOracle {
    /// What went wrong, coarse enough that the shrinker keeps the same kind of failure.
    enum Failure: Equatable, CustomStringConvertible {
        /// Both decided, differently.
        case disagree(authorizerAllows: Bool)
        case unknown(String)
        /// The encoding threw; the message's first words say which limit or construct.
        case threw(String)

        var kind: String {
            switch self {
            case .disagree(let allows): return "disagree(authorizerAllows: \(allows))"
            case .unknown: return "unknown"
            case .threw(let message): return "threw(" + message.prefix(40) + ")"
            }
        }

        var description: String {
            switch self {
            case .disagree(let allows):
                return allows ? "the Authorizer allows, the encoding denies" : "the Authorizer denies, the encoding allows"
            case .unknown(let reason): return "the solver answered unknown: \(reason)"
            case .threw(let message): return "the encoding threw: \(message)"
            }
        }
    }

    /// nil when both agree.
    static func compare(_ request: Request, _ policies: PolicySet, using batch: SymbolicAuthorizer.Batch? = nil) -> Failure? {
        let concrete = Authorizer.evaluate(request, policies: policies).outcome == .allow
        let symbolic: SymbolicDecision
        do {
            if let batch {
                symbolic = try batch.decide(request)
            } else {
                symbolic = try SymbolicAuthorizer.decide(request, policies: policies)
            }
        } catch {
            return .threw("\(error)")
        }
        switch symbolic {
        case .allowed: return concrete ? nil : .disagree(authorizerAllows: false)
        case .denied: return concrete ? .disagree(authorizerAllows: true) : nil
        case .unknown(let reason): return .unknown(reason)
        }
    }
}
