import Authorizer
import Policy
import Z3

/// The symbolic engine's answer for one request.
public enum SymbolicDecision: Equatable, Sendable {
    case allowed
    case denied
    /// The solver could not decide (timeout, resource limit): never to be read as denied.
    case unknown(reason: String)
}

/// Entry points of the symbolic encoding.
///
/// ```swift
/// let decision = try SymbolicAuthorizer.decide(request, policies: policies)   // .allowed / .denied
/// ```
public enum SymbolicAuthorizer {
    /// Decides one concrete request with the solver: the policies compiled over a symbolic
    /// request, the request pinned to `request`. Must equal `Authorizer.evaluate` (differential tests).
    public static func decide(_ request: Request, policies: PolicySet, timeoutMilliseconds: UInt32 = 10_000) throws -> SymbolicDecision {
        let context = try Z3Context()
        var set = policies
        if set.resourcePolicyKind == nil {
            set.resourcePolicyKind = ResourcePolicyKind.infer(policy: policies.resourcePolicy, resource: request.resource,
                                                                action: request.action)
        }
        let authorization = try EvaluationCompiler.compile(set, resourceAccount: request.effectiveResourceAccount,
                                                           resourceOrgID: request.resourceOrgID,
                                                           resourceOrgPaths: request.resourceOrgPaths.isEmpty ? nil : request.resourceOrgPaths,
                                                           in: context)
        let pinned = try RequestPinning(request: authorization.request).pin(request)
        let wellFormed = try authorization.request.wellFormedness()
        let solver = try Z3Solver(context: context, timeoutMilliseconds: timeoutMilliseconds)
        try solver.assert(wellFormed)
        try solver.assert(pinned)
        try solver.push()
        try solver.assert(authorization.allowed)
        switch try solver.check() {
        case .sat: return .allowed
        case .unknown(let reason): return .unknown(reason: reason)
        case .unsat: break
        }
        try solver.pop()
        try solver.assert(authorization.allowed.not())
        switch try solver.check() {
        case .sat: return .denied
        case .unknown(let reason): return .unknown(reason: reason)
        case .unsat:
            // Neither allowed nor denied: the pinned request is not one the model can represent.
            throw EncodingError.unsupported("the request cannot be represented symbolically: \(RequestFile.encode(request))")
        }
    }
}

/// The result of searching for an allowed request.
public enum WitnessSearch: Sendable {
    /// A request the encoding allows, decoded from the model (replay it through the Authorizer).
    case found(Request)
    /// No request is allowed: a proof.
    case none
    case unknown(reason: String)
}

extension SymbolicAuthorizer {
    /// Searches for any request the policies allow, for a resource of `resourceAccount`.
    /// With `classes`, the action and (where no `Resource` pattern has a variable) the resource
    /// are encoded as classes of the policies' patterns (`ActionClasses`, `ResourceClasses`).
    /// `resourceLimit` bounds the search by Z3's deterministic `rlimit` as well (the same answer
    /// on a busy machine as on an idle one; out of budget is `.unknown`).
    public static func findAllowedRequest(policies: PolicySet, resourceAccount: String?,
                                          timeoutMilliseconds: UInt32 = 10_000, resourceLimit: UInt32? = nil,
                                          classes: Bool = false) throws -> WitnessSearch {
        let context = try Z3Context()
        let authorization = try EvaluationCompiler.compile(policies, resourceAccount: resourceAccount,
                                                           actionClasses: classes ? ActionClasses(of: policies) : nil,
                                                           resourceClasses: classes ? ResourceClasses(anyResourceOf: policies) : nil,
                                                           in: context)
        let solver = try Z3Solver(context: context, timeoutMilliseconds: timeoutMilliseconds, resourceLimit: resourceLimit)
        try solver.assert(authorization.allowed)
        try solver.assert(authorization.wellFormedness())
        switch try solver.check() {
        case .sat(let model): return .found(try WitnessDecoder(request: authorization.request).decode(model))
        case .unsat: return .none
        case .unknown(let reason): return .unknown(reason: reason)
        }
    }
}
