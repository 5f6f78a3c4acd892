import Policy
import RampartTestSupport
import XCTest

/// Every document of the corpora (`Corpus`: the full corpora when present, else the committed
/// subset; see their SOURCES.md) is read; those with errors get precise diagnostics. Counts were
/// pinned for each corpus after reviewing samples of each code; the spot checks below name
/// documents whose faults a person can see in the source.
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
        // SOURCES.md: 1,452 current AWS managed policies; the subset, 41 as the AWS guides print them.
        XCTAssertEqual(all.count, Corpus.isFull ? 1_452 : 41)
        XCTAssertTrue(all.allSatisfy { $0.1.policy != nil })
        let errorCodes = Set(all.flatMap { $0.1.diagnostics.filter { $0.severity == .error }.map(\.code) })
        // AWS-managed policies are well-formed; the only ERROR is the 6,144-character quota that
        // binds customer managed policies (67 documents exceed it, 1 of the subset's —
        // AmazonSageMakerServiceCatalogProductsCloudformationServiceRolePolicy, 9,043 — counted
        // independently by summing non-whitespace characters of the compact JSON).
        XCTAssertEqual(errorCodes, [.policySizeExceeded])
        XCTAssertEqual(all.filter { $0.1.diagnostics.containsError }.count, Corpus.isFull ? 67 : 1)
        // AWSLambdaBasicExecutionRole (AmazonECSTaskExecutionRolePolicy in the subset) is small and clean.
        let small = Corpus.isFull ? "AWSLambdaBasicExecutionRole" : "AmazonECSTaskExecutionRolePolicy"
        let basic = all.first { $0.0.label == small }
        XCTAssertEqual(basic?.1.diagnostics.map(\.code), [])
    }

    func testPolicyExamplesAllReadWithPreciseDiagnostics() throws {
        let all = try results("policy-examples/policy-examples.jsonl", managed: false)
        XCTAssertEqual(all.count, Corpus.isFull ? 2_171 : 914)
        // Every record is a JSON object with a Statement: the model is always built.
        XCTAssertTrue(all.allSatisfy { $0.1.policy != nil })
        var errorDocuments: [DiagnosticCode: Int] = [:]
        for (_, result) in all {
            for code in Set(result.diagnostics.filter { $0.severity == .error }.map(\.code)) {
                errorDocuments[code, default: 0] += 1
            }
        }
        // Mostly documentation placeholders ("Bucket ARN", "arn:aws:iam::Account1-ID:root",
        // "<my-corporate-cidr>") and parliament's deliberately broken fixtures (not in the subset,
        // which keeps only MIT-0 sources: AWS guides and aws-samples).
        let expectedCodes: Set<DiagnosticCode> = Corpus.isFull
            ? [.actionAndNotAction, .duplicateSid, .invalidAction, .invalidARN, .invalidCIDR, .invalidDate,
               .invalidPrincipal, .invalidSid, .missingResource, .policySizeExceeded, .typeMismatch,
               .unknownConditionOperator, .unknownElement, .wildcardInPrincipalARN]
            : [.invalidAction, .invalidARN, .invalidCIDR, .invalidPrincipal, .invalidSid, .policySizeExceeded,
               .unknownConditionOperator, .wildcardInPrincipalARN]
        XCTAssertEqual(Set(errorDocuments.keys), expectedCodes)
        let withErrors = all.filter { $0.1.diagnostics.containsError }.count
        // The API Gateway guide's resource policies write resources as `execute-api:/…`, its
        // abbreviated syntax (a WARNING, not an ERROR, in resource policies): 8 documents use it,
        // 7 have no other error (the 8th names "account-id-2"); all 8 are resource policies of the
        // guide, so the full corpus counts 278 - 7 and the subset keeps them all (159 - 7).
        XCTAssertEqual(withErrors, Corpus.isFull ? 271 : 152)
        // The subset keeps every resource and trust policy but only one identity policy in eight,
        // and the resource policies carry most of the placeholders: a higher share, still a minority.
        XCTAssertLessThan(Double(withErrors) / Double(all.count), Corpus.isFull ? 0.15 : 0.35, "most published examples are valid")
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
        // Quacky's samples (BSD-2-Clause, so only in the full corpora) write Principal as a JSON
        // array, which the grammar does not allow.
        if Corpus.isFull {
            XCTAssertFalse(diagnostics(labelContains: "s3_allow_principals", code: .typeMismatch).isEmpty)
        }
        // The data-perimeter RCPs are valid RCPs apart from their CIDR placeholder.
        let rcps = all.filter { $0.0.subkind == "rcp" }
        XCTAssertEqual(rcps.count, 6)
        for (document, result) in rcps {
            let errors = result.diagnostics.filter { $0.severity == .error }
            XCTAssertTrue(errors.allSatisfy { $0.code == .invalidCIDR }, "\(document.label): \(errors.map(\.message))")
        }
    }
}
