import Policy
import XCTest

/// Structural diagnostics. Expectations come from the IAM User Guide's "IAM JSON policy
/// element reference" and "IAM JSON policy grammar" pages, cited per test.
final class StructureDiagnosticTests: XCTestCase {
    // Grammar: "Statement" is required; it is an object or an array of objects.
    func testMissingAndMistypedStatement() {
        XCTAssertEqual(codes(#"{"Version": "2012-10-17"}"#), [.missingStatement])
        XCTAssertEqual(codes(#"{"Version": "2012-10-17", "Statement": "Allow"}"#), [.typeMismatch])
        XCTAssertEqual(codes(#"{"Version": "2012-10-17", "Statement": []}"#), [.emptyStatementList])
        XCTAssertEqual(codes(#"["not", "an", "object"]"#), [.typeMismatch])
    }

    func testSingleStatementObjectAndArrayAreBothRead() throws {
        let single = PolicyParser.parse(text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
                                        source: "t", type: .identity)
        let list = PolicyParser.parse(text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}"#,
                                      source: "t", type: .identity)
        XCTAssertEqual(single.diagnostics, [])
        XCTAssertEqual(list.diagnostics, [])
        XCTAssertEqual(single.policy?.statements.first?.actions?.values, ["s3:GetObject"])
        XCTAssertEqual(list.policy?.statements.first?.resources?.values, ["*"])
    }

    // "Effect": required, "Allow" or "Deny" (case-sensitive).
    func testEffect() {
        XCTAssertEqual(codes(policy(#"{"Action": "s3:*", "Resource": "*"}"#), type: .identity), [.missingEffect])
        XCTAssertEqual(codes(policy(#"{"Effect": "allow", "Action": "s3:*", "Resource": "*"}"#), type: .identity), [.invalidEffect])
        XCTAssertEqual(codes(policy(#"{"Effect": true, "Action": "s3:*", "Resource": "*"}"#), type: .identity), [.typeMismatch])
    }

    // "NotAction": "a statement must include either Action or NotAction" — not both, not neither.
    func testActionAndNotAction() {
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}"#), type: .identity),
                       [.actionAndNotAction])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Resource": "*"}"#), type: .identity), [.missingAction])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": [], "Resource": "*"}"#), type: .identity), [.emptyValue])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": 5, "Resource": "*"}"#), type: .identity), [.typeMismatch])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": ["s3:GetObject", 5], "Resource": "*"}"#), type: .identity), [.typeMismatch])
    }

    // "Resource": identity-based policies must include Resource or NotResource; a role trust
    // policy names no Resource (the role is the resource).
    func testResourceRules() {
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*"}"#), type: .identity), [.missingResource])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "arn:aws:s3:::b"}"#), type: .identity),
                       [.resourceAndNotResource])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Resource": "*"}"#), type: .trust),
                       [.resourceNotAllowed])
        // A resource policy may omit Resource (the attached resource is implied).
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sqs:SendMessage"}"#), type: .resource), [])
    }

    // "Principal": "You cannot use the Principal element in an identity-based policy";
    // resource-based policies must name one.
    func testPrincipalPresenceRules() {
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}"#), type: .identity),
                       [.principalNotAllowed])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}"#), type: .scp),
                       [.principalNotAllowed])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#), type: .resource),
                       [.missingPrincipal])
        XCTAssertEqual(codes(policy(#"{"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*"}"#), type: .resource),
                       [.principalAndNotPrincipal])
    }

    func testPrincipalShapes() {
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": "111122223333", "Action": "s3:*"}"#), type: .resource), [.invalidPrincipal])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": ["*"], "Action": "s3:*"}"#), type: .resource), [.typeMismatch])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": {"User": "x"}, "Action": "s3:*"}"#), type: .resource), [.unknownPrincipalType])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Principal": {}, "Action": "s3:*"}"#), type: .resource), [.emptyValue])
    }

    // Unknown elements are rejected by IAM ("MalformedPolicyDocument: ... unknown field").
    func testUnknownElementsAndDuplicateKeys() {
        XCTAssertEqual(codes(#"{"Version": "2012-10-17", "Statements": []}"#), [.missingStatement, .unknownElement])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resources": "*"}"#), type: .identity),
                       [.missingResource, .unknownElement])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#), type: .identity),
                       [.duplicateKey])
    }

    // "Version": 2012-10-17 or 2008-10-17; without it 2008-10-17 applies.
    func testVersion() {
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#, version: #""Version": "2012-10-18","#), type: .identity),
                       [.missingVersion, .unsupportedVersion])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#, version: ""), type: .identity),
                       [.missingVersion])
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#, version: #""Version": "2008-10-17","#), type: .identity),
                       [])
        // "Policy variables": under 2008-10-17 "${aws:username}" is a literal string.
        XCTAssertEqual(codes(policy(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*"}"#,
                                    version: #""Version": "2008-10-17","#), type: .identity),
                       [.variablesNeedVersion])
    }

    // "Sid": unique within a policy; IAM accepts only ASCII letters and digits.
    func testSid() {
        let twice = #"{"Sid": "S1", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "S1", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#
        XCTAssertEqual(diagnostics(policy(twice), type: .identity, code: .duplicateSid).map(\.severity), [.error])
        XCTAssertEqual(diagnostics(policy(twice), type: .identity, code: .duplicateSid).first?.location.path.description,
                       "$.Statement[1].Sid")
        XCTAssertEqual(codes(policy(#"{"Sid": "Allow reads", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#), type: .identity),
                       [.invalidSid])
        // Resource policies of other services accept spaces in Sids.
        XCTAssertEqual(codes(policy(#"{"Sid": "Allow reads", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*"}"#), type: .resource),
                       [])
    }

    func testLocationsPointAtTheElement() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket"}
              ]
            }
            """
        let found = diagnostics(text, type: .identity, code: .invalidARN)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location.path.description, "$.Statement[1].Resource")
        XCTAssertEqual(found.first?.location.position?.line, 5)
        XCTAssertEqual(found.first?.location.position?.column, 63)
    }
}
