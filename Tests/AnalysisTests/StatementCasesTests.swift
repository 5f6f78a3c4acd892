@testable import Analysis
import Authorizer
import Encoding
import Foundation
import Policy
import RampartTestSupport
import XCTest
import Z3

/// Issue 17 item 4: a needle among zone-bound statements. The fixtures come from
/// `Benchmarks/pathological/make-policies.py`: N statements bound to zone account 111122223333
/// (half by `StringEquals aws:PrincipalAccount`, half by naming a role of the zone) and three
/// confused-deputy grants: `sns.amazonaws.com` may `s3:PutObject` on `bucket/sns-K/*` when
/// `aws:SourceAccount` is 999988887777, an account outside the zone. Read by hand (IAM User Guide,
/// "The confused deputy problem": a service acting for an account outside the zone is an outside
/// caller), the only external access is that service, for that one action: one finding, complete.
/// Not timed (docs/BENCHMARKS.md has the figures).
final class StatementCasesTests: XCTestCase {
    private let arn = "arn:aws:s3:::rampart-bench-bucket"

    private func needle(_ count: Int) throws -> AnalyzedResource {
        let url = PackageFiles.root.appendingPathComponent("Benchmarks/pathological/fixtures/needle-\(count).json")
        let parsed = PolicyParser.parse(text: try String(contentsOf: url, encoding: .utf8), source: "needle-\(count).json", type: .resource)
        return AnalyzedResource(arn: arn, type: .s3Bucket, account: ourAccount, policy: try XCTUnwrap(parsed.policy))
    }

    /// The three deputy statements are the only ones the screen leaves to the solver.
    func testOnlyTheDeputyStatementsAreCases() throws {
        let resource = try needle(50)
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        let cases = try XCTUnwrap(StatementCases(query: query))
        let sids = cases.cases.compactMap { index in resource.policy?.statements.first { $0.index == index.statementIndex }?.sid?.value }
        XCTAssertEqual(sids, ["DeputyNeedle0", "DeputyNeedle1", "DeputyNeedle2"])
    }

    /// Found with its witness (replayed through the Authorizer by `analyze`'s checks below), with
    /// and without the candidate witnesses (without them, only the free question, case by case,
    /// can find it), and the enumeration ends complete.
    func testTheNeedleIsFoundWithItsWitness() throws {
        for count in [50, 200] {
            let resource = try needle(count)
            for candidates in [true, false] {
                var options = testOptions
                options.witnessCandidates = candidates
                let result = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: options)
                let label = "needle-\(count), candidates: \(candidates)"
                XCTAssertEqual(result.status, .externalAccess, label)
                XCTAssertTrue(result.complete, label)
                XCTAssertEqual(result.findings.count, 1, label)
                let finding = try XCTUnwrap(result.findings.first)
                XCTAssertEqual(finding.principal, "sns.amazonaws.com", label)
                XCTAssertEqual(finding.actions, ["s3:PutObject"], label)
                let witness = finding.witness
                XCTAssertEqual(witness.principal.serviceName, "sns.amazonaws.com", label)
                XCTAssertEqual(witness.context["aws:SourceAccount"]?.text, "999988887777", label)
                XCTAssertEqual(witness.action.lowercased(), "s3:putobject", label)
                XCTAssertTrue(witness.resource.hasPrefix(arn + "/sns-"), "\(witness.resource), \(label)")
                let policies = PolicySet(resourcePolicy: resource.policy, resourcePolicyKind: ResourceType.s3Bucket.policyKind)
                XCTAssertEqual(Authorizer.evaluate(witness, policies: policies).outcome, .allow, label)
            }
        }
    }

    /// The split is exact on a proof too: eight zone-bound Allow statements and one Allow to
    /// everyone, which a Deny closes to callers of our account (hand-worked: `StringNotEquals
    /// aws:PrincipalAccount` is true for every outside caller, absent key included). The case of
    /// the open statement and the last case are UNSAT: NO_EXTERNAL_ACCESS, as the solver alone says.
    func testTheSplitProvesWhatTheWholeQuestionProves() throws {
        var statements = (0..<8).map { index in
            #"{"Sid": "Zone\#(index)", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(ourAccount):role/r\#(index)"}, "Action": "s3:GetObject", "Resource": "\#(bucket)/*"}"#
        }
        statements.append(#"{"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "\#(bucket)/*"}"#)
        statements.append(#"{"Sid": "OnlyUs", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "\#(bucket)/*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "\#(ourAccount)"}}}"#)
        let text = statements.joined(separator: ",\n")
        let resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: policy(document(text)))
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        XCTAssertEqual(try XCTUnwrap(StatementCases(query: query)).cases.count, 1)
        XCTAssertEqual(analyze(.s3Bucket, arn: bucket, statements: text).status, .noExternalAccess)
        XCTAssertEqual(ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: .solverOnly(timeoutMilliseconds: 120_000)).status,
                       .noExternalAccess)
    }

    /// Small policies are split too (Benchmarks/org-scale's planted findings): API Gateway may
    /// invoke the function only from an API of our account (`aws:SourceArn`, which the screen
    /// judges: IAM User Guide, "The confused deputy problem" — the service acts for the API's
    /// account, ours), and a partner account 444455556666 may invoke it. One case, the partner's
    /// statement; the analysis finds the partner alone, complete, as the solver alone does.
    func testASmallPolicyIsSplitAndFindsWhatTheSolverAloneFinds() throws {
        let function = "arn:aws:lambda:us-east-1:\(ourAccount):function:f"
        let text = """
            {"Sid": "FromApiGateway", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "lambda:InvokeFunction",
             "Resource": "\(function)", "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:us-east-1:\(ourAccount):a1b2c3/*"}}},
            {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "lambda:InvokeFunction", "Resource": "\(function)"}
            """
        let resource = AnalyzedResource(arn: function, type: .lambdaFunction, account: ourAccount,
                                        policy: policy(document(text), type: ResourceType.lambdaFunction.policyType))
        let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: Z3Context(), catalog: .shipped,
                                            actionClasses: true, resourceClasses: true)
        XCTAssertEqual(try XCTUnwrap(StatementCases(query: query)).cases.map(\.statementIndex), [1])
        let split = analyze(.lambdaFunction, arn: function, statements: text)
        let alone = ExternalAccessAnalyzer.analyze(resource, zone: ourZone, options: .solverOnly(timeoutMilliseconds: 120_000))
        for result in [split, alone] {
            XCTAssertEqual(result.status, .externalAccess)
            XCTAssertTrue(result.complete)
            XCTAssertEqual(result.findings.map(\.principal), ["444455556666"])
            XCTAssertEqual(result.findings.map(\.actions), [["lambda:InvokeFunction"]])
        }
    }
}
