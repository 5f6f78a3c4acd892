import XCTest
@testable import Authorizer
import Policy

/// IAM User Guide, "AWS JSON policy elements: Principal" and "AWS JSON policy elements: NotPrincipal".
final class PrincipalMatcherTests: XCTestCase {
    static let a = "111122223333"
    static let b = "444455556666"
    let root = Principal.accountRoot(a)
    let user = Principal.user(arn: "arn:aws:iam::\(a):user/alice")
    let role = Principal.role(arn: "arn:aws:iam::\(a):role/R")
    let session = Principal.assumedRole(roleArn: "arn:aws:iam::\(a):role/R", sessionName: "s1")
    let otherSession = Principal.assumedRole(roleArn: "arn:aws:iam::\(a):role/Other", sessionName: "s1")
    let federated = Principal.federatedUser(arn: "arn:aws:sts::\(a):federated-user/bob")
    let external = Principal.user(arn: "arn:aws:iam::\(b):user/alice")
    let cloudfront = Principal.service("cloudfront.amazonaws.com")
    let cognito = Principal.webIdentity(provider: "cognito-identity.amazonaws.com")
    let saml = Principal.saml(provider: "arn:aws:iam::\(a):saml-provider/Okta")

    private func element(_ json: String, negated: Bool = false) -> PrincipalElement {
        let key = negated ? "NotPrincipal" : "Principal"
        let effect = negated ? "Deny" : "Allow"
        let policy = parsePolicy("""
            {"Version": "2012-10-17", "Statement": {"Effect": "\(effect)", "\(key)": \(json), "Action": "s3:*", "Resource": "*"}}
            """, type: .resource)
        return policy.statements.first?.principal ?? PrincipalElement(location: .document)
    }

    private func assertMatches(_ json: String, _ yes: [Principal], _ no: [Principal], line: UInt = #line) {
        let element = element(json)
        for principal in yes {
            XCTAssertTrue(PrincipalMatcher.matches(element, principal: principal), "\(json) should name \(principal.kind) \(principal.arn ?? "")", line: line)
        }
        for principal in no {
            XCTAssertFalse(PrincipalMatcher.matches(element, principal: principal), "\(json) should not name \(principal.kind) \(principal.arn ?? "")", line: line)
        }
    }

    /// "AWS account principals": the account id and the root ARN name every principal of the account.
    func testAccountPrincipal() {
        let everyoneInA = [root, user, role, session, federated]
        assertMatches(#"{"AWS": "111122223333"}"#, everyoneInA, [external, cloudfront, .anonymous, cognito])
        assertMatches(#"{"AWS": "arn:aws:iam::111122223333:root"}"#, everyoneInA, [external, cloudfront, .anonymous])
    }

    /// "IAM role principals" / "Role session principals": a role ARN covers its sessions; a session ARN
    /// names only that session.
    func testRoleAndSession() {
        assertMatches(#"{"AWS": "arn:aws:iam::111122223333:role/R"}"#, [role, session], [otherSession, user, root])
        assertMatches(#"{"AWS": "arn:aws:sts::111122223333:assumed-role/R/s1"}"#, [session],
                      [role, Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/R", sessionName: "s2")])
    }

    /// "IAM user principals": the exact user ARN (case-sensitive comparison of the ARN).
    func testUser() {
        assertMatches(#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, [user],
                      [external, root, Principal.user(arn: "arn:aws:iam::111122223333:user/Alice")])
    }

    /// "All principals": `"*"` and `{"AWS": "*"}` name everyone, anonymous callers included.
    func testEveryone() {
        let all = [root, user, session, external, cloudfront, Principal.anonymous, cognito]
        assertMatches(#""*""#, all, [])
        assertMatches(#"{"AWS": "*"}"#, all, [])
    }

    /// "AWS service principals" and "Federated user principals".
    func testServiceAndFederated() {
        assertMatches(#"{"Service": "cloudfront.amazonaws.com"}"#, [cloudfront],
                      [Principal.service("lambda.amazonaws.com"), user, .anonymous])
        assertMatches(#"{"Federated": "cognito-identity.amazonaws.com"}"#, [cognito], [saml, user])
        assertMatches(#"{"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}"#, [saml], [cognito])
        assertMatches(#"{"AWS": "arn:aws:sts::111122223333:federated-user/bob"}"#, [federated], [user])
    }

    /// NotPrincipal: "AWS verifies the account first, then the role, then the assumed-role user": an
    /// identity left unnamed anywhere in that chain makes the statement apply.
    func testNotPrincipalChain() {
        func applies(_ json: String, _ principal: Principal) -> Bool {
            PrincipalMatcher.grant(element(json, negated: true), principal: principal, effect: .deny) != nil
        }
        XCTAssertTrue(applies(#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, user), "account not listed: denied")
        XCTAssertFalse(applies(#"{"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"]}"#, user))
        XCTAssertFalse(applies(#"{"AWS": ["arn:aws:iam::111122223333:role/R", "111122223333"]}"#, session))
        XCTAssertTrue(applies(#"{"AWS": ["arn:aws:iam::111122223333:role/R", "arn:aws:sts::111122223333:assumed-role/R/s1"]}"#, session))
        XCTAssertTrue(applies(#"{"AWS": ["arn:aws:iam::111122223333:root"]}"#, external))
        XCTAssertTrue(applies(#"{"AWS": ["arn:aws:iam::111122223333:root"]}"#, .anonymous))
        // The account alone exempts only the account link: alice herself is not listed, so the Deny applies.
        XCTAssertTrue(applies(#"{"AWS": "111122223333"}"#, user))
        XCTAssertFalse(applies(#"{"AWS": "111122223333"}"#, .accountRoot(Self.a)))
        // "NotPrincipal with Deny will always deny any IAM principal that has a permissions boundary".
        let exempt = element(#"{"AWS": ["arn:aws:iam::111122223333:user/alice", "111122223333"]}"#, negated: true)
        XCTAssertNotNil(PrincipalMatcher.grant(exempt, principal: user, effect: .deny, boundaryAttached: true))
    }

    /// How the grant reached the caller decides same-account evaluation.
    func testGrantKinds() {
        XCTAssertEqual(PrincipalMatcher.grant(element(#"{"AWS": "111122223333"}"#), principal: user), .account)
        XCTAssertEqual(PrincipalMatcher.grant(element(#"{"AWS": "111122223333"}"#), principal: root), .principal)
        XCTAssertEqual(PrincipalMatcher.grant(element(#"{"AWS": "arn:aws:iam::111122223333:role/R"}"#), principal: session), .role)
        XCTAssertEqual(PrincipalMatcher.grant(element(#"{"AWS": "arn:aws:sts::111122223333:assumed-role/R/s1"}"#), principal: session), .principal)
        XCTAssertEqual(PrincipalMatcher.grant(element(#"{"AWS": ["111122223333", "arn:aws:iam::111122223333:user/alice"]}"#), principal: user), .principal)
        XCTAssertEqual(PrincipalMatcher.grant(element(#""*""#), principal: user), .principal)
    }
}
