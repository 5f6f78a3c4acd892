import Environment
import Foundation
import RampartTestSupport
import Policy
import XCTest

/// The snapshot reader on the models: policy documents as the CLI emits them (JSON objects,
/// JSON strings, URL-encoded strings), the organization tree, and diagnostics for bad files.
final class SnapshotReaderTests: XCTestCase {
    func testRoleTrustPoliciesAreReadAsObjectsJSONStringsAndURLEncodedStrings() throws {
        let snapshot = try SnapshotLoader.load(folder: Models.path("edge-cases"))
        let roles = Dictionary(uniqueKeysWithValues: snapshot.resources.filter { $0.type == "AWS::IAM::Role" }.map { ($0.arn.components(separatedBy: "/").last ?? "", $0) })
        XCTAssertEqual(roles["saml-admins"]?.policyDocument?.embedding, .urlEncoded)
        XCTAssertEqual(roles["saml-admins"]?.policy?.statements.first?.principal?.entries.first?.value, "arn:aws:iam::222233334444:saml-provider/Okta")
        XCTAssertEqual(roles["string-trust"]?.policyDocument?.embedding, .jsonString)
        XCTAssertNotNil(roles["string-trust"]?.policy)
        XCTAssertEqual(roles["same-account"]?.policyDocument?.embedding, .object)
        XCTAssertEqual(roles["broken-trust"]?.policyHasErrors, true)
        XCTAssertNil(roles["broken-trust"]?.policy)
    }

    func testResourcesGetTheirARNsFromOutputsOrFileNames() throws {
        let snapshot = try SnapshotLoader.load(folder: Models.path("edge-cases"))
        let arns = Set(snapshot.resources.map(\.arn))
        XCTAssertTrue(arns.contains("arn:aws:secretsmanager:us-west-2:222233334444:secret:edge/notprincipal-Zz9Yy8"), "ARN from the output")
        XCTAssertTrue(arns.contains("arn:aws:kms:us-west-2:222233334444:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"), "ARN from the file name and region folder")
        XCTAssertTrue(arns.contains("arn:aws:ecr:us-west-2:222233334444:repository/edge-images"))
        XCTAssertTrue(arns.contains("arn:aws:sns:us-west-2:222233334444:edge-confused-deputy"))
    }

    func testDiagnosticsNameFileJSONPathAndPosition() throws {
        let snapshot = try SnapshotLoader.load(folder: Models.path("edge-cases"))
        let cidr = try XCTUnwrap(snapshot.diagnostics.first { $0.file.hasSuffix("bad-invalid-policy.get-bucket-policy.json") })
        XCTAssertEqual(cidr.code, "INVALID_CIDR")
        XCTAssertEqual(cidr.jsonPath, "$.Policy → $.Statement[0].Condition.IpAddress.aws:SourceIp")
        XCTAssertEqual(cidr.line, 2)
        XCTAssertEqual(cidr.resource, "arn:aws:s3:::bad-invalid-policy")
        let effect = try XCTUnwrap(snapshot.diagnostics.first { $0.code == "INVALID_EFFECT" })
        XCTAssertEqual(effect.jsonPath, "$.RoleDetailList[5].AssumeRolePolicyDocument.Statement[0].Effect", "an inline document: one path in the file")
        XCTAssertNotNil(effect.line)
        let truncated = try XCTUnwrap(snapshot.diagnostics.first { $0.file.hasSuffix("bad-malformed.get-bucket-policy.json") })
        XCTAssertEqual(truncated.code, "MALFORMED_JSON")
        XCTAssertNotNil(truncated.line)
    }

    func testOrganizationTreeAndPoliciesPerAccount() throws {
        let snapshot = try SnapshotLoader.load(folder: Models.path("organization"))
        let organization = try XCTUnwrap(snapshot.organization)
        XCTAssertEqual(organization.id, "o-a1b2c3d4e5")
        XCTAssertEqual(organization.accountIDs.count, 6)
        XCTAssertEqual(organization.path(to: "100000000003"), ["r-a1b2", "ou-a1b2-workload1", "100000000003"])
        let scps = organization.policies(.serviceControlPolicy, forAccount: "100000000003")
        XCTAssertEqual(scps.map { $0.map(\.id).sorted() },
                       [["p-FullAWSAccess", "p-denyleaveorg"], ["p-FullAWSAccess", "p-regionlock"], ["p-FullAWSAccess"]])
        XCTAssertEqual(organization.policies(.resourceControlPolicy, forAccount: "100000000006").first?.count, 2)
        XCTAssertTrue(organization.policies.allSatisfy { $0.policy != nil })
        XCTAssertEqual(snapshot.diagnostics.count, 0)
    }

    func testAFolderWithoutAccountsIsNotASnapshot() {
        XCTAssertThrowsError(try SnapshotLoader.load(folder: Models.path("startup") + "/policies"))
    }
}
