import XCTest
@testable import Authorizer
import Policy

/// IAM User Guide, "Policy evaluation logic" and "Cross-account policy evaluation logic".
final class EvaluationLogicTests: XCTestCase {
    static let a = "111122223333"  // owns the resource
    static let b = "444455556666"  // another account
    let alice = Principal.user(arn: "arn:aws:iam::\(a):user/alice")
    let session = Principal.assumedRole(roleArn: "arn:aws:iam::\(a):role/R", sessionName: "s1")
    let externalRole = Principal.assumedRole(roleArn: "arn:aws:iam::\(b):role/X", sessionName: "s")

    private func identity(_ statements: String, _ source: String = "identity.json") -> Policy {
        parsePolicy(#"{"Version": "2012-10-17", "Statement": ["# + statements + "]}", type: .identity, source: source)
    }
    private func resource(_ statements: String, type: PolicyType = .resource, _ source: String = "resource.json") -> Policy {
        parsePolicy(#"{"Version": "2012-10-17", "Statement": ["# + statements + "]}", type: type, source: source)
    }
    private let allowS3 = #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#

    private func get(_ principal: Principal, action: String = "s3:GetObject") -> Request {
        Request(principal: principal, action: action, resource: objectARN, resourceAccount: Self.a)
    }

    // MARK: Explicit deny

    /// "An explicit deny in any of these policies overrides the allow."
    func testExplicitDenyWins() {
        let policies = PolicySet(
            identityPolicies: [identity(allowS3), identity(#"{"Sid": "NoGet", "Effect": "Deny", "Action": "s3:Get*", "Resource": "*"}"#, "deny.json")],
            resourcePolicy: resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}"#))
        let decision = Authorizer.evaluate(get(alice), policies: policies)
        XCTAssertEqual(decision.outcome, .explicitDeny)
        XCTAssertEqual(decision.matchedStatements, [MatchedStatement(policy: "deny.json", role: .identity, statementIndex: 0, sid: "NoGet", effect: .deny)])
        XCTAssertEqual(Authorizer.evaluate(get(alice, action: "s3:PutObject"), policies: policies).outcome, .allow)
    }

    /// "By default, all requests are implicitly denied".
    func testDefaultDeny() {
        let decision = Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: []))
        XCTAssertEqual(decision.outcome, .implicitDeny)
        XCTAssertEqual(decision.reason, .identityPolicies)
        XCTAssertEqual(decision.matchedStatements, [])
    }

    // MARK: Same account

    /// Same account: "an allow in either the identity-based policy or the resource-based policy" suffices.
    func testSameAccountEitherSideSuffices() {
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [identity(allowS3)])).outcome, .allow)
        let grantAlice = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], resourcePolicy: grantAlice)).outcome, .allow)
    }

    /// A resource policy naming only the account delegates to the account's identity policies.
    func testAccountPrincipalDelegates() {
        let grantAccount = resource(#"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], resourcePolicy: grantAccount)).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [identity(allowS3)], resourcePolicy: grantAccount)).outcome, .allow)
    }

    /// "Resource-based policies that grant permissions to an IAM user ARN ... are not limited by an
    /// implicit deny in an identity-based policy or permissions boundary"; those granting to a role ARN
    /// are limited by the boundary and session policy; those granting to the session ARN are not.
    func testResourceGrantsVersusBoundaryAndSessionPolicy() {
        let boundary = identity(#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#, "boundary.json")
        let grantAlice = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], resourcePolicy: grantAlice, permissionsBoundary: boundary)).outcome, .allow)

        let grantRole = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/R"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        let sessionNoS3 = identity(#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#, "session.json")
        let sessionS3 = identity(allowS3, "session.json")
        var policies = PolicySet(identityPolicies: [], resourcePolicy: grantRole, sessionPolicy: sessionNoS3)
        XCTAssertEqual(Authorizer.evaluate(get(session), policies: policies).outcome, .implicitDeny)
        policies.sessionPolicy = sessionS3
        XCTAssertEqual(Authorizer.evaluate(get(session), policies: policies).outcome, .allow)
        policies.permissionsBoundary = boundary
        XCTAssertEqual(Authorizer.evaluate(get(session), policies: policies).reason, .permissionsBoundary)

        let grantSession = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:sts::111122223333:assumed-role/R/s1"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        let direct = PolicySet(identityPolicies: [], resourcePolicy: grantSession, permissionsBoundary: boundary, sessionPolicy: sessionNoS3)
        XCTAssertEqual(Authorizer.evaluate(get(session), policies: direct).outcome, .allow)
    }

    /// Permissions boundaries: "the effective permissions are the intersection" of identity policies and boundary.
    func testPermissionsBoundaryCaps() {
        let boundary = identity(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#, "boundary.json")
        let policies = PolicySet(identityPolicies: [identity(allowS3)], permissionsBoundary: boundary)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: policies).outcome, .allow)
        let put = Authorizer.evaluate(get(alice, action: "s3:PutObject"), policies: policies)
        XCTAssertEqual(put.outcome, .implicitDeny)
        XCTAssertEqual(put.reason, .permissionsBoundary)
    }

    /// Role trust policies and KMS key policies must allow explicitly even within the account.
    func testTrustAndKeyPoliciesMustAllow() {
        let trust = resource(#"{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}"#, type: .trust)
        let assume = Request(principal: alice, action: "sts:AssumeRole", resource: "arn:aws:iam::\(Self.a):role/R")
        let allowAssume = identity(#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#)
        let decision = Authorizer.evaluate(assume, policies: PolicySet(identityPolicies: [allowAssume], resourcePolicy: trust))
        XCTAssertEqual(decision.outcome, .implicitDeny)
        XCTAssertEqual(decision.reason, .resourcePolicyMustAllow)
        XCTAssertEqual(Authorizer.evaluate(assume, policies: PolicySet(identityPolicies: [allowAssume])).reason, .resourcePolicyMustAllow)

        let key = "arn:aws:kms:us-east-1:\(Self.a):key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let decrypt = Request(principal: alice, action: "kms:Decrypt", resource: key)
        let allowKMS = identity(#"{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}"#)
        let keyPolicyOther = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/admin"}, "Action": "kms:*", "Resource": "*"}"#)
        XCTAssertEqual(Authorizer.evaluate(decrypt, policies: PolicySet(identityPolicies: [allowKMS], resourcePolicy: keyPolicyOther)).reason, .resourcePolicyMustAllow)
        // The same identity allow suffices for an ordinary resource policy.
        XCTAssertEqual(Authorizer.evaluate(decrypt, policies: PolicySet(identityPolicies: [allowKMS], resourcePolicy: keyPolicyOther, resourcePolicyKind: .standard)).outcome, .allow)
    }

    // MARK: Cross account

    /// "The identity-based policy and the resource-based policy must both allow".
    func testCrossAccountNeedsBoth() {
        let grantB = resource(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        let allowAll = identity(allowS3)
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: PolicySet(identityPolicies: [], resourcePolicy: grantB)).reason, .identityPolicies)
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: PolicySet(identityPolicies: [allowAll], resourcePolicy: grantB)).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: PolicySet(identityPolicies: [allowAll])).reason, .resourcePolicy)
        // Identity policies unknown (nil): assumed to allow, as Access Analyzer does.
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: PolicySet(resourcePolicy: grantB)).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: PolicySet()).outcome, .implicitDeny)
    }

    /// An unknown resource account is treated as another account (documented choice).
    func testUnknownResourceAccountIsCrossAccount() {
        let request = Request(principal: alice, action: "s3:GetObject", resource: objectARN)
        XCTAssertEqual(Authorizer.evaluate(request, policies: PolicySet(identityPolicies: [identity(allowS3)])).outcome, .implicitDeny)
    }

    // MARK: Callers without identity policies

    /// Anonymous callers and services are granted only by a resource policy.
    func testAnonymousAndService() {
        let everyone = resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#)
        XCTAssertEqual(Authorizer.evaluate(get(.anonymous), policies: PolicySet(identityPolicies: [], resourcePolicy: everyone)).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(.anonymous), policies: PolicySet(identityPolicies: [])).reason, .resourcePolicy)
        XCTAssertEqual(Authorizer.evaluate(get(.service("cloudfront.amazonaws.com")), policies: PolicySet(resourcePolicy: everyone)).outcome, .allow)
    }

    /// The root user has every permission in its own account; cross-account it needs the resource policy.
    func testAccountRoot() {
        XCTAssertEqual(Authorizer.evaluate(get(.accountRoot(Self.a)), policies: PolicySet(identityPolicies: [])).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(.accountRoot(Self.b)), policies: PolicySet(identityPolicies: [])).outcome, .implicitDeny)
    }

    // MARK: Organizations

    /// SCPs: every level from the root to the account must allow; SCPs never grant.
    func testSCPLevels() {
        let full = identity(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#, "FullAWSAccess.json")
        let s3Only = identity(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#, "s3only.json")
        let allowAll = identity(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)
        let policies = PolicySet(identityPolicies: [allowAll], serviceControlPolicies: [[full], [s3Only]])
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(alice, action: "ec2:RunInstances"), policies: policies).reason, .serviceControlPolicies)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], serviceControlPolicies: [[full]])).outcome, .implicitDeny)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [allowAll], serviceControlPolicies: [[]])).reason, .serviceControlPolicies)
    }

    /// SCPs do not restrict service principals or service-linked roles.
    func testSCPScope() {
        let denyAll = identity(#"{"Effect": "Deny", "Action": "*", "Resource": "*"}"#, "deny-all-scp.json")
        let everyone = resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#)
        let policies = PolicySet(resourcePolicy: everyone, serviceControlPolicies: [[denyAll]])
        XCTAssertEqual(Authorizer.evaluate(get(.service("cloudfront.amazonaws.com")), policies: policies).outcome, .allow)
        let linked = Principal.assumedRole(roleArn: "arn:aws:iam::\(Self.a):role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing", sessionName: "s")
        XCTAssertEqual(Authorizer.evaluate(get(linked), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(session), policies: policies).outcome, .explicitDeny)
    }

    /// RCPs restrict access to the resource, whoever calls.
    func testRCP() {
        let rcp = parsePolicy("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
             {"Sid": "EnforceOrgIdentities", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
              "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
                            "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}]}
            """, type: .rcp, source: "rcp.json")
        let everyone = resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#)
        let policies = PolicySet(resourcePolicy: everyone, resourceControlPolicies: [[rcp]])
        XCTAssertEqual(Authorizer.evaluate(get(externalRole), policies: policies).outcome, .explicitDeny)
        var member = externalRole
        member.orgID = "o-a1b2c3d4e5"
        XCTAssertEqual(Authorizer.evaluate(get(member), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(.service("cloudfront.amazonaws.com")), policies: policies).outcome, .allow)
        XCTAssertEqual(Authorizer.evaluate(get(member), policies: PolicySet(resourcePolicy: everyone, resourceControlPolicies: [[]])).reason, .resourceControlPolicies)
    }

    /// The documented NotPrincipal trap: Deny + NotPrincipal always denies an IAM principal with a boundary.
    func testNotPrincipalDenyWithBoundary() {
        let policy = resource("""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
            {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "111122223333"]}, "Action": "s3:*", "Resource": "*"}
            """)
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], resourcePolicy: policy)).outcome, .allow)
        let boundary = identity(allowS3, "boundary.json")
        XCTAssertEqual(Authorizer.evaluate(get(alice), policies: PolicySet(identityPolicies: [], resourcePolicy: policy, permissionsBoundary: boundary)).outcome, .explicitDeny)
    }

    /// Decisions are deterministic and list every matching Allow of the policies that count.
    func testMatchedAllowStatements() {
        let policies = PolicySet(identityPolicies: [identity(#"{"Sid": "A", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)])
        let decision = Authorizer.evaluate(get(alice), policies: policies)
        XCTAssertEqual(decision.matchedStatements.map(\.sid), ["A", "B"])
        XCTAssertEqual(decision.matchedStatements.map(\.statementIndex), [0, 1])
        XCTAssertEqual(decision, Authorizer.evaluate(get(alice), policies: policies))
    }
}
