import Analysis
import Authorizer
import Policy
import XCTest

let ourAccount = "111122223333"
let otherAccount = "444455556666"
let ourZone = ZoneOfTrust.account(ourAccount)

/// A policy from JSON text, failing the test on ERROR diagnostics.
func policy(_ text: String, type: PolicyType = .resource, file: StaticString = #filePath, line: UInt = #line) -> Policy? {
    let result = PolicyParser.parse(text: text, source: "policy.json", type: type)
    XCTAssertFalse(result.diagnostics.containsError, "\(result.diagnostics.map(\.message))", file: file, line: line)
    return result.policy
}

/// Statements wrapped in a 2012-10-17 document.
func document(_ statements: String) -> String { #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"# }

func analyze(_ type: ResourceType, arn: String, statements: String, zone: ZoneOfTrust = ourZone,
             configure: (inout AnalyzedResource) -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) -> ExternalAccessResult {
    var resource = AnalyzedResource(arn: arn, type: type, account: ourAccount,
                                    policy: policy(document(statements), type: type.policyType, file: file, line: line))
    configure(&resource)
    // Semantics, not speed, are judged here (speed lives in Benchmarks/): a generous timeout keeps
    // CPU contention from turning an answer into UNPROVEN.
    let result = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: testOptions)
    // Every witness of a policy finding is allowed by the Authorizer (replay).
    let policies = PolicySet(identityPolicies: nil, resourcePolicy: resource.policy, resourcePolicyKind: type.policyKind)
    for finding in result.findings where finding.source == .policy {
        XCTAssertEqual(Authorizer.evaluate(finding.witness, policies: policies).outcome, .allow,
                       "witness not allowed: \(RequestFile.encode(finding.witness))", file: file, line: line)
    }
    if result.status == .noExternalAccess {
        XCTAssertFalse(result.explanation.isEmpty, "every proof has an explanation", file: file, line: line)
    }
    // A proof of the solver-free screen must be one the solver proves too (and the solver path
    // keeps being exercised by every test the screen would otherwise decide).
    if result.decidedBy == .screen {
        var solverOnly = testOptions
        solverOnly.screen = false
        let solved = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: solverOnly)
        XCTAssertEqual(solved.status, result.status, "the screen's proof is not the solver's: \(solved.explanation)",
                       file: file, line: line)
    }
    // Findings decided without the solver must be the solver path's, exactly.
    if result.decidedBy == .concrete {
        var solverPath = testOptions
        solverPath.solverFreeFindings = false
        let solved = ExternalAccessAnalyzer.analyze(resource, zone: zone, options: solverPath)
        XCTAssertEqual(result.findings, solved.findings, "the solver-free findings are not the solver path's", file: file, line: line)
        XCTAssertEqual(result.status, solved.status, file: file, line: line)
        XCTAssertEqual(result.explanation, solved.explanation, file: file, line: line)
    }
    return result
}

let bucket = "arn:aws:s3:::amzn-s3-demo-bucket"
let testOptions = AnalysisOptions(timeoutMilliseconds: 120_000)
