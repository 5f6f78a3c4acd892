import Policy
import RampartTestSupport
import XCTest

/// Every document of `../shared/corpus/` (see its SOURCES.md) is read; those with errors
/// get precise diagnostics. Counts were pinned after reviewing samples of each code; the
/// spot checks below name documents whose faults a person can see in the source.
final class CorpusTests: XCTestCase {
    private func results(_ file: String, managed: Bool) throws -> [(Corpus.Document, PolicyParseResult)] {
        let documents = try Corpus.load(file, managed: managed)
        return documents.map { document in
            let type = Corpus.policyType(kind: document.kind, subkind: document.subkind)
            return (document, PolicyParser.parse(bytes: document.bytes, source: document.label, type: type))
        }
    }

    func testManagedPoliciesAllParseAndOnlyLargeOnesExceedTheCustomerQuota() throws {
        let all = try results("managed-policies/aws-managed-policies.jsonl", managed: true)
        // SOURCES.md: 1,452 current AWS managed policies.
        XCTAssertEqual(all.count, 1_452)
        XCTAssertTrue(all.allSatisfy { $0.1.policy != nil })
        let errorCodes = Set(all.flatMap { $0.1.diagnostics.filter { $0.severity == .error }.map(\.code) })
        // AWS-managed policies are well-formed; the only ERROR is the 6,144-character quota that
        // binds customer managed policies (67 documents exceed it, counted independently by
        // summing non-whitespace characters of the compact JSON).
        XCTAssertEqual(errorCodes, [.policySizeExceeded])
        XCTAssertEqual(all.filter { $0.1.diagnostics.containsError }.count, 67)
        // AWSLambdaBasicExecutionRole is small and clean.
        let basic = all.first { $0.0.label == "AWSLambdaBasicExecutionRole" }
        XCTAssertEqual(basic?.1.diagnostics.map(\.code), [])
    }

    func testPolicyExamplesAllReadWithPreciseDiagnostics() throws {
        let all = try results("policy-examples/policy-examples.jsonl", managed: false)
        XCTAssertEqual(all.count, 2_171)
        // Every record is a JSON object with a Statement: the model is always built.
        XCTAssertTrue(all.allSatisfy { $0.1.policy != nil })
        var errorDocuments: [DiagnosticCode: Int] = [:]
        for (_, result) in all {
            for code in Set(result.diagnostics.filter { $0.severity == .error }.map(\.code)) {
                errorDocuments[code, default: 0] += 1
            }
        }
        // Mostly documentation placeholders ("Bucket ARN", "arn:aws:iam::Account1-ID:root",
        // "<my-corporate-cidr>") and parliament's deliberately broken fixtures.
        XCTAssertEqual(Set(errorDocuments.keys), [
            .actionAndNotAction, .duplicateSid, .invalidAction, .invalidARN, .invalidCIDR, .invalidDate,
            .invalidPrincipal, .invalidSid, .missingResource, .policySizeExceeded, .typeMismatch,
            .unknownConditionOperator, .unknownElement, .wildcardInPrincipalARN,
        ])
        XCTAssertEqual(all.filter { $0.1.diagnostics.containsError }.count, 278)
        XCTAssertLessThan(Double(278) / Double(all.count), 0.15, "most published examples are valid")
    }

    func testSpotChecksAgainstTheSourceDocuments() throws {
        let all = try results("policy-examples/policy-examples.jsonl", managed: false)
        func diagnostics(labelContains fragment: String, code: DiagnosticCode) -> [Diagnostic] {
            all.filter { $0.0.label.contains(fragment) }.flatMap { $0.1.diagnostics.filter { $0.code == code } }
        }
        // ECS guide writes "sns: Publish" with a space: not an action.
        XCTAssertFalse(diagnostics(labelContains: "ecs_cwet2.md", code: .invalidAction).isEmpty)
        // OpenSearch guide uses the impossible address 123.456.789.123.
        XCTAssertTrue(diagnostics(labelContains: "es-kibana.md", code: .invalidCIDR).contains { $0.message.contains("123.456.789.123") })
        // The ECS guide spells the operator "ARNEquals"; operator names are case-sensitive.
        XCTAssertTrue(diagnostics(labelContains: "security_iam_id-based-policy-examples.md", code: .unknownConditionOperator)
            .contains { $0.message.contains("ARNEquals") })
        // Quacky's samples write Principal as a JSON array, which the grammar does not allow.
        XCTAssertFalse(diagnostics(labelContains: "s3_allow_principals", code: .typeMismatch).isEmpty)
        // The data-perimeter RCPs are valid RCPs apart from their CIDR placeholder.
        let rcps = all.filter { $0.0.subkind == "rcp" }
        XCTAssertEqual(rcps.count, 6)
        for (document, result) in rcps {
            let errors = result.diagnostics.filter { $0.severity == .error }
            XCTAssertTrue(errors.allSatisfy { $0.code == .invalidCIDR }, "\(document.label): \(errors.map(\.message))")
        }
    }
}
