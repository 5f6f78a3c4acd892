import XCTest
@testable import Authorizer

/// The request-file shape of docs/SIMULATE.md: reading, writing back, and clear errors.
final class RequestFileTests: XCTestCase {
    func testReadsTheDocumentedExample() throws {
        let request = try RequestFile.decode("""
            {"principal": "arn:aws:iam::444455556666:role/R", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
             "context": {"aws:SourceIp": "203.0.113.7", "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:TagKeys": ["a", "b"],
                         "aws:MultiFactorAuthAge": 3600, "aws:SecureTransport": true}}
            """)
        XCTAssertEqual(request.principal.kind, .iamRole)
        XCTAssertEqual(request.principal.account, "444455556666")
        XCTAssertEqual(request.action, "s3:GetObject")
        XCTAssertEqual(request.context["AWS:SOURCEIP"]?.text, "203.0.113.7")
        XCTAssertEqual(request.context.values(for: "aws:TagKeys")?.map(\.text), ["a", "b"])
        XCTAssertEqual(request.context.entry(for: "aws:TagKeys")?.isMultivalued, true)
        XCTAssertEqual(request.context["aws:MultiFactorAuthAge"]?.text, "3600")
        XCTAssertEqual(request.context["aws:SecureTransport"]?.text, "true")
    }

    func testPrincipalForms() throws {
        func principal(_ json: String) throws -> Principal {
            try RequestFile.decode(#"{"principal": "# + json + #", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}"#).principal
        }
        XCTAssertEqual(try principal(#""anonymous""#).kind, .anonymous)
        XCTAssertEqual(try principal(#""123456789012""#).kind, .accountRoot)
        XCTAssertEqual(try principal(#"{"service": "cloudfront.amazonaws.com"}"#).serviceName, "cloudfront.amazonaws.com")
        XCTAssertEqual(try principal(#"{"federated": "cognito-identity.amazonaws.com"}"#).kind, .webIdentity)
        XCTAssertEqual(try principal(#"{"federated": "arn:aws:iam::123456789012:saml-provider/Okta"}"#).kind, .samlFederated)
        let session = try principal(#"{"arn": "arn:aws:sts::123456789012:assumed-role/R/s", "roleArn": "arn:aws:iam::123456789012:role/path/R"}"#)
        XCTAssertEqual(session.roleArn, "arn:aws:iam::123456789012:role/path/R")
    }

    func testOrganizationAndTags() throws {
        let request = try RequestFile.decode("""
            {"principal": "arn:aws:iam::444455556666:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
             "resourceAccount": "111122223333", "principalOrgId": "o-a1b2c3d4e5",
             "principalOrgPaths": ["o-a1b2c3d4e5/r-ab12/"], "principalTags": {"team": "blue"}}
            """)
        XCTAssertEqual(request.resourceAccount, "111122223333")
        XCTAssertEqual(request.effectiveContext["aws:PrincipalOrgID"]?.text, "o-a1b2c3d4e5")
        XCTAssertEqual(request.effectiveContext["aws:PrincipalTag/team"]?.text, "blue")
    }

    /// Encoding then decoding gives the same request.
    func testRoundTrip() throws {
        var context = RequestContext()
        context["aws:SourceIp"] = .ipAddress("203.0.113.7")
        context["aws:MultiFactorAuthAge"] = .number(3600)
        context["aws:SecureTransport"] = .bool(true)
        context["weird \"key\""] = .string("line\nbreak\u{1}")
        context.set("aws:TagKeys", values: [.string("a")])
        context.set("aws:CalledVia", values: [])
        var session = Principal.assumedRole(roleArn: "arn:aws:iam::444455556666:role/path/R", sessionName: "s")
        session.orgID = "o-a1b2c3d4e5"
        session.orgPaths = ["o-a1b2c3d4e5/r-ab12/"]
        session.tags = ["team": "blue"]
        session.userID = "AROAEXAMPLE:s"
        let principals: [Principal] = [
            session, .anonymous, .accountRoot("123456789012"), .service("cloudfront.amazonaws.com"),
            .webIdentity(provider: "cognito-identity.amazonaws.com"), .user(arn: "arn:aws:iam::123456789012:user/u"),
            .federatedUser(arn: "arn:aws:sts::123456789012:federated-user/f"),
        ]
        for principal in principals {
            let request = Request(principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
                                  resourceAccount: "111122223333", context: context)
            let text = RequestFile.encode(request)
            XCTAssertEqual(try RequestFile.decode(text), request, text)
        }
    }

    /// Malformed requests give an error naming the field, never a crash.
    func testMalformedRequests() {
        let cases: [(String, String)] = [
            ("", "$"),
            ("[1]", "$"),
            ("{\"principal\": ", "$"),
            (#"{"action": "s3:GetObject", "resource": "r"}"#, "$.principal"),
            (#"{"principal": 5, "action": "s3:GetObject", "resource": "r"}"#, "$.principal"),
            (#"{"principal": "bob", "action": "s3:GetObject", "resource": "r"}"#, "$.principal"),
            (#"{"principal": {"service": "x", "federated": "y"}, "action": "s3:GetObject", "resource": "r"}"#, "$.principal"),
            (#"{"principal": {"colour": "x"}, "action": "s3:GetObject", "resource": "r"}"#, "$.principal.colour"),
            (#"{"principal": {"service": "nodots"}, "action": "s3:GetObject", "resource": "r"}"#, "$.principal.service"),
            (#"{"principal": "anonymous", "resource": "r"}"#, "$.action"),
            (#"{"principal": "anonymous", "action": "GetObject", "resource": "r"}"#, "$.action"),
            (#"{"principal": "anonymous", "action": "s3:GetObject"}"#, "$.resource"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": 7}"#, "$.resource"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "resourceAccount": "12"}"#, "$.resourceAccount"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "context": []}"#, "$.context"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "context": {"k": null}}"#, "$.context['k']"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "context": {"k": [1, {}]}}"#, "$.context['k'][1]"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "context": {"k": "a", "K": "b"}}"#, "$.context['K']"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "extra": 1}"#, "$.extra"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "principalTags": {"t": 1}}"#, "$.principalTags['t']"),
            (#"{"principal": "anonymous", "action": "s3:GetObject", "resource": "r", "principalOrgPaths": "x"}"#, "$.principalOrgPaths"),
        ]
        for (text, field) in cases {
            XCTAssertThrowsError(try RequestFile.decode(text), text) { error in
                XCTAssertEqual((error as? RequestFileError)?.field, field, text)
            }
        }
    }
}
