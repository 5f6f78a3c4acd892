import Foundation
import XCTest

/// `check-no-public-access` and `check` with the further resource types of Access Analyzer's
/// CheckNoPublicAccess (docs/CLI.md, "Resource types"), as a user types them. Expectations are
/// worked by hand from the pages each policy comes from (cited at each test).
final class CheckNoPublicAccessTypesCLITests: FolderTestCase {
    private func noPublicAccess(_ type: String, _ policy: String, arn: String? = nil) throws -> (CLIResult, [String: Any]) {
        let file = try write("policy.json", policy)
        let result = try CLI.run(["check-no-public-access", "--policy", file, "--resource-type", type, "--format", "json",
                                  "--timeout-ms", "120000"] + (arn.map { ["--resource-arn", $0] } ?? []))
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }

    // IAM User Guide, "How to use an external ID when granting access to your AWS resources to a
    // third party": a trust policy for one account is not public; for `{"AWS": "*"}` it is
    // ("AWS JSON policy elements: Principal", "All principals").
    func testTrustPolicyGivenAlone() throws {
        let (named, namedObject) = try noPublicAccess("AWS::IAM::AssumeRolePolicyDocument", #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-1234"}}}]}
            """#)
        XCTAssertEqual(named.status, 0, named.stdout + named.stderr)
        XCTAssertEqual(namedObject["result"] as? String, "PASS")
        let (everyone, everyoneObject) = try noPublicAccess("AWS::IAM::AssumeRolePolicyDocument", #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
            """#)
        XCTAssertEqual(everyone.status, 1, everyone.stdout + everyone.stderr)
        XCTAssertEqual(everyoneObject["result"] as? String, "FAIL")
    }

    // API Gateway Developer Guide, "x-amazon-apigateway-policy": the abbreviated `execute-api:/*`
    // is read (a WARNING, not an input error) and stands for the API itself: Allow everyone, Deny
    // one address block — public.
    func testRestApiPolicyInTheAbbreviatedSyntax() throws {
        let policy = #"""
            {"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]},
             {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"],
              "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]}
            """#
        let (result, object) = try noPublicAccess("AWS::ApiGateway::RestApi", policy)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertEqual(object["result"] as? String, "FAIL")
        let (withARN, _) = try noPublicAccess("AWS::ApiGateway::RestApi", policy, arn: "arn:aws:execute-api:us-east-2:123456789012:aabbccddee")
        XCTAssertEqual(withARN.status, 1, withARN.stdout + withARN.stderr)
    }

    // Amazon S3 Glacier Developer Guide, "Vault Access Policies", Example 1: two other accounts may
    // upload — external access from the vault owner's zone; the type is inferred from the ARN.
    func testCheckInfersAGlacierVaultFromItsARN() throws {
        let file = try write("policy.json", #"""
            {"Version": "2012-10-17", "Statement": [{"Sid": "cross-account-upload",
             "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::444455556666:root"]}, "Effect": "Allow",
             "Action": ["glacier:UploadArchive", "glacier:InitiateMultipartUpload", "glacier:AbortMultipartUpload", "glacier:CompleteMultipartUpload"],
             "Resource": ["arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"]}]}
            """#)
        let result = try CLI.run(["check", "--policy", file, "--resource-arn", "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault",
                                  "--zone-account", "999999999999", "--format", "json", "--timeout-ms", "120000"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        XCTAssertEqual(object["status"] as? String, "EXTERNAL_ACCESS")
        XCTAssertEqual(Set(object["externalPrincipals"] as? [String] ?? []), ["123456789012", "444455556666"])
        XCTAssertEqual((object["resource"] as? [String: Any])?["type"] as? String, "AWS::S3::Glacier")
    }

    // A name Access Analyzer does not take (a Glacier vault is `AWS::S3::Glacier` there) is a
    // usage error (exit 2), never a silent default.
    func testUnknownTypeIsAUsageError() throws {
        let (result, _) = try noPublicAccess("AWS::Glacier::Vault", #"{"Version": "2012-10-17", "Statement": []}"#)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
    }
}
