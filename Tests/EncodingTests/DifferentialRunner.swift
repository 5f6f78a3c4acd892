import Authorizer
import Encoding
import Foundation
import Policy

/// How much differential work to do. CI runs the defaults; a long run scales them with
/// `RAMPART_DIFFERENTIAL_CHECKS` (the total number of request checks over the whole suite), e.g.
/// `RAMPART_DIFFERENTIAL_CHECKS=1000000 swift test --parallel --filter EncodingTests` (docs/TESTING.md).
enum DifferentialBudget {
    /// Total request checks over all `DifferentialTests` methods.
    static let defaultTotalChecks = 20_480
    static let methods = 8

    static var totalChecks: Int {
        if let text = ProcessInfo.processInfo.environment["RAMPART_DIFFERENTIAL_CHECKS"], let value = Int(text), value > 0 {
            return value
        }
        return defaultTotalChecks
    }

    /// Checks for one of the `methods` test methods.
    static var checksPerMethod: Int { (totalChecks + methods - 1) / methods }

    /// How many times larger than the default this run is (1 in CI).
    static var scale: Double { max(1, Double(totalChecks) / Double(defaultTotalChecks)) }
}

/// Runs seeded differential checks: generated policy sets, each against many generated requests;
/// on a failure, shrinks it and reports the minimal case as policy JSON and request JSON.
struct DifferentialRunner {
    struct Report {
        var checks = 0
        var allowed = 0
        var policySets = 0
        var invalidDocuments = 0
        var failures: [String] = []
        var seconds = 0.0

        var summary: String {
            let perCheck = checks > 0 ? seconds * 1000 / Double(checks) : 0
            return "\(checks) checks over \(policySets) policy sets (\(allowed) allowed, \(checks - allowed) denied; "
                + "\(invalidDocuments) generated sets skipped for ERROR diagnostics) in "
                + String(format: "%.1f s, %.2f ms per check", seconds, perCheck)
        }
    }

    /// Requests generated per policy set.
    var requestsPerSet = 32
    /// Every n-th request is also decided by `SymbolicAuthorizer.decide` (a fresh compilation), so the
    /// batch API is itself checked against the entry point it stands in for.
    var directEvery = 16
    /// Stop after this many distinct failures (each is shrunk, which takes time).
    var maximumFailures = 3
    /// Encode the action and the resource as classes of the policies' patterns (`ActionClasses`,
    /// `ResourceClasses`).
    var classes = false

    func run(seed: UInt64, checks: Int) -> Report {
        var report = Report()
        var policies = PolicyGenerator(seed: seed)
        var requests = RequestGenerator(seed: seed ^ 0x5EED_0000_0000_0001)
        let start = Date()
        while report.checks < checks && report.failures.count < maximumFailures {
            let generated = policies.policySet()
            guard let set = generated.build() else {
                report.invalidDocuments += 1
                continue
            }
            report.policySets += 1
            let batch = SymbolicAuthorizer.Batch(policies: set, classes: classes)
            for index in 0..<min(requestsPerSet, checks - report.checks) {
                let request = requests.request(for: set)
                report.checks += 1
                if Authorizer.evaluate(request, policies: set).outcome == .allow { report.allowed += 1 }
                var failure = DifferentialOracle.compare(request, set, using: batch)
                if failure == nil && index % directEvery == 0 {
                    failure = DifferentialOracle.compare(request, set)
                }
                if let failure {
                    report.failures.append(Self.describe(failure, generated, request, seed: seed))
                    break
                }
            }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// The shrunk failing case, printed as policy JSON plus request JSON.
    static func describe(_ failure: DifferentialOracle.Failure, _ generated: GeneratedPolicySet, _ request: Request,
                         seed: UInt64) -> String {
        let shrinker = MismatchShrinker { candidate, candidateRequest in
            guard let set = candidate.build() else { return false }
            return DifferentialOracle.compare(candidateRequest, set)?.kind == failure.kind
        }
        let (smallSet, smallRequest) = shrinker.shrink(generated, request)
        let finalFailure = smallSet.build().flatMap { DifferentialOracle.compare(smallRequest, $0) } ?? failure
        return """
        Differential mismatch (seed \(seed)): \(finalFailure)
        --- shrunk policies ---
        \(smallSet.description)
        --- shrunk request (request-file JSON) ---
        \(RequestFile.encode(smallRequest))
        --- original request ---
        \(RequestFile.encode(request))
        """
    }
}
