import Authorizer
import Policy
import Z3

extension SymbolicAuthorizer {
    /// Decides many concrete requests against ONE policy set, compiling the policies once per
    /// (resource account, resource policy kind) and deciding each request in a solver scope
    /// (`push`, pin the request, `check`, `pop`). Gives exactly `decide`'s answers; used where
    /// thousands of requests meet the same policies (differential tests, simulations).
    ///
    /// Not thread-safe (it owns Z3 contexts): one batch per worker.
    ///
    /// ```swift
    /// let batch = SymbolicAuthorizer.Batch(policies: policies)
    /// for request in requests { _ = try batch.decide(request) }   // .allowed / .denied
    /// ```
    public final class Batch {
        private struct Key: Hashable {
            let resourceAccount: String?
            let resourceOrgID: String?
            let resourceOrgPaths: [String]
            let kind: ResourcePolicyKind
        }

        private final class Compiled {
            let context: Z3Context
            let authorization: SymbolicAuthorization
            let solver: Z3Solver

            init(_ policies: PolicySet, resourceAccount: String?, resourceOrgID: String?, resourceOrgPaths: [String],
                 timeoutMilliseconds: UInt32, classes: Bool) throws {
                context = try Z3Context()
                authorization = try EvaluationCompiler.compile(policies, resourceAccount: resourceAccount, resourceOrgID: resourceOrgID,
                                                               resourceOrgPaths: resourceOrgPaths.isEmpty ? nil : resourceOrgPaths,
                                                               actionClasses: classes ? ActionClasses(of: policies) : nil,
                                                               resourceClasses: classes ? ResourceClasses(anyResourceOf: policies) : nil,
                                                               in: context)
                solver = try Z3Solver(context: context, timeoutMilliseconds: timeoutMilliseconds, kind: .simple)
            }
        }

        public let policies: PolicySet
        private let timeoutMilliseconds: UInt32
        private let classes: Bool
        private var compiled: [Key: Compiled] = [:]

        /// - Parameter classes: encode the action and (where no `Resource` pattern has a
        ///   variable) the resource as classes of the policies' patterns (`ActionClasses`,
        ///   `ResourceClasses`) instead of strings.
        public init(policies: PolicySet, timeoutMilliseconds: UInt32 = 10_000, classes: Bool = false) {
            self.policies = policies
            self.timeoutMilliseconds = timeoutMilliseconds
            self.classes = classes
        }

        /// The same answer as `SymbolicAuthorizer.decide(request, policies: policies)`.
        public func decide(_ request: Request) throws -> SymbolicDecision {
            // As in `decide`: the kind is inferred from the request when the set does not say it.
            let kind = policies.resourcePolicyKind
                ?? ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: request.resource, action: request.action)
            let key = Key(resourceAccount: request.effectiveResourceAccount, resourceOrgID: request.resourceOrgID,
                          resourceOrgPaths: request.resourceOrgPaths, kind: kind)
            let entry: Compiled
            if let existing = compiled[key] {
                entry = existing
            } else {
                var set = policies
                set.resourcePolicyKind = kind
                entry = try Compiled(set, resourceAccount: key.resourceAccount, resourceOrgID: key.resourceOrgID,
                                     resourceOrgPaths: key.resourceOrgPaths,
                                     timeoutMilliseconds: timeoutMilliseconds,
                                     classes: classes)
                compiled[key] = entry
            }
            let pinned = try entry.authorization.pin(request)
            // After pinning, which reads the principal fields: their well-formedness.
            let wellFormed = try entry.authorization.wellFormedness()
            let solver = entry.solver
            for wantAllowed in [true, false] {
                try solver.push()
                try solver.assert(pinned)
                try solver.assert(wellFormed)
                try solver.assert(wantAllowed ? entry.authorization.allowed : entry.authorization.allowed.not())
                let result = try solver.check()
                try solver.pop()
                switch result {
                case .sat: return wantAllowed ? .allowed : .denied
                case .unknown(let reason): return .unknown(reason: reason)
                case .unsat: continue
                }
            }
            // Neither allowed nor denied: the pinned request is not one the model can represent.
            throw EncodingError.unsupported("the request cannot be represented symbolically: \(RequestFile.encode(request))")
        }
    }
}
