import XCTest
@testable import Authorizer

/// IAM User Guide, "AWS global condition context keys".
final class DerivedContextKeysTests: XCTestCase {
    private func value(_ principal: Principal, _ key: String) -> [String]? {
        DerivedContextKeys.derive(for: principal).values(for: key)?.map(\.text)
    }

    /// aws:PrincipalArn: for an assumed-role session it is the ROLE's ARN.
    func testPrincipalArn() {
        let session = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/team/R", sessionName: "s")
        XCTAssertEqual(value(session, "aws:PrincipalArn"), ["arn:aws:iam::111122223333:role/team/R"])
        XCTAssertEqual(value(.user(arn: "arn:aws:iam::111122223333:user/alice"), "aws:PrincipalArn"),
                       ["arn:aws:iam::111122223333:user/alice"])
        XCTAssertEqual(value(.accountRoot("111122223333"), "aws:PrincipalArn"), ["arn:aws:iam::111122223333:root"])
        XCTAssertEqual(value(.federatedUser(arn: "arn:aws:sts::111122223333:federated-user/bob"), "aws:PrincipalArn"),
                       ["arn:aws:sts::111122223333:federated-user/bob"])
        XCTAssertNil(value(.anonymous, "aws:PrincipalArn"))
        XCTAssertNil(value(.service("cloudfront.amazonaws.com"), "aws:PrincipalArn"))
    }

    func testAccountTypeAndNames() {
        let user = Principal.user(arn: "arn:aws:iam::111122223333:user/division/alice")
        XCTAssertEqual(value(user, "aws:PrincipalAccount"), ["111122223333"])
        XCTAssertEqual(value(user, "aws:PrincipalType"), ["User"])
        XCTAssertEqual(value(user, "aws:username"), ["alice"])
        XCTAssertEqual(value(user, "aws:PrincipalIsAWSService"), ["false"])
        let session = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/R", sessionName: "s")
        XCTAssertEqual(value(session, "aws:PrincipalType"), ["AssumedRole"])
        XCTAssertNil(value(session, "aws:username"), "aws:username is for IAM users only")
        XCTAssertEqual(value(.accountRoot("111122223333"), "aws:PrincipalType"), ["Account"])
        XCTAssertEqual(value(.accountRoot("111122223333"), "aws:userid"), ["111122223333"])
        XCTAssertEqual(value(.anonymous, "aws:PrincipalType"), ["Anonymous"])
        XCTAssertEqual(value(.anonymous, "aws:userid"), ["anonymous"])
        XCTAssertNil(value(.anonymous, "aws:PrincipalAccount"))
        XCTAssertEqual(value(.federatedUser(arn: "arn:aws:sts::111122223333:federated-user/bob"), "aws:userid"),
                       ["111122223333:bob"])
        XCTAssertEqual(value(.service("cloudfront.amazonaws.com"), "aws:PrincipalIsAWSService"), ["true"])
        XCTAssertEqual(value(.service("cloudfront.amazonaws.com"), "aws:PrincipalServiceName"), ["cloudfront.amazonaws.com"])
    }

    func testOrganizationAndTags() {
        var role = Principal.role(arn: "arn:aws:iam::111122223333:role/R")
        XCTAssertNil(value(role, "aws:PrincipalOrgID"), "only present for members of an organization")
        role.orgID = "o-a1b2c3d4e5"
        role.orgPaths = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]
        role.tags = ["team": "blue"]
        XCTAssertEqual(value(role, "aws:PrincipalOrgID"), ["o-a1b2c3d4e5"])
        XCTAssertEqual(value(role, "aws:PrincipalOrgPaths"), ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"])
        XCTAssertEqual(DerivedContextKeys.derive(for: role).entry(for: "aws:PrincipalOrgPaths")?.isMultivalued, true)
        XCTAssertEqual(value(role, "aws:PrincipalTag/team"), ["blue"])
        XCTAssertEqual(value(role, "AWS:PRINCIPALTAG/TEAM"), ["blue"])
    }

    /// aws:SourceAccount / aws:SourceArn are never derived; explicit context replaces derived keys.
    func testSourceKeysNotDerivedAndExplicitWins() {
        let service = Principal.service("cloudfront.amazonaws.com")
        XCTAssertNil(value(service, "aws:SourceAccount"))
        XCTAssertNil(value(service, "aws:SourceArn"))
        var request = Request(principal: .role(arn: "arn:aws:iam::111122223333:role/R"), action: "s3:GetObject",
                              resource: "arn:aws:s3:::b/k")
        request.context["aws:PrincipalOrgID"] = .string("o-explicit")
        XCTAssertEqual(request.effectiveContext["aws:PrincipalOrgID"]?.text, "o-explicit")
        XCTAssertEqual(request.effectiveContext["aws:PrincipalArn"]?.text, "arn:aws:iam::111122223333:role/R")
    }

    func testResourceAccount() {
        let request = Request(principal: .anonymous, action: "sqs:SendMessage",
                              resource: "arn:aws:sqs:us-east-1:111122223333:queue")
        XCTAssertEqual(request.effectiveResourceAccount, "111122223333")
        XCTAssertEqual(request.effectiveContext["aws:ResourceAccount"]?.text, "111122223333")
        XCTAssertNil(Request(principal: .anonymous, action: "s3:GetObject", resource: "arn:aws:s3:::b/k").effectiveResourceAccount)
    }

    func testPrincipalParsing() {
        XCTAssertEqual(Principal(parsing: "anonymous")?.kind, .anonymous)
        XCTAssertEqual(Principal(parsing: "123456789012")?.kind, .accountRoot)
        XCTAssertEqual(Principal(parsing: "arn:aws:iam::123456789012:root")?.kind, .accountRoot)
        XCTAssertEqual(Principal(parsing: "arn:aws:iam::123456789012:user/a")?.kind, .iamUser)
        XCTAssertEqual(Principal(parsing: "arn:aws:iam::123456789012:role/a")?.kind, .iamRole)
        let session = Principal(parsing: "arn:aws:sts::123456789012:assumed-role/R/s")
        XCTAssertEqual(session?.kind, .assumedRoleSession)
        XCTAssertEqual(session?.roleArn, "arn:aws:iam::123456789012:role/R")
        XCTAssertEqual(Principal(parsing: "arn:aws:sts::123456789012:federated-user/b")?.kind, .federatedUser)
        XCTAssertNil(Principal(parsing: "arn:aws:s3:::bucket"))
        XCTAssertNil(Principal(parsing: "12345"))
        XCTAssertNil(Principal(parsing: "arn:aws:iam::123456789012:group/g"))
        XCTAssertNil(Principal(parsing: "arn:aws:sts::123456789012:assumed-role/R"))
    }

    // AWS KMS Developer Guide, "kms:CallerAccount": the calling identity's account, on KMS requests.
    func testCallerAccountOnKMSRequestsOnly() {
        let role = Principal.assumedRole(roleArn: "arn:aws:iam::444455556666:role/app", sessionName: "s")
        XCTAssertEqual(DerivedContextKeys.derive(for: role, action: "kms:Decrypt")["kms:CallerAccount"]?.text, "444455556666")
        XCTAssertNil(DerivedContextKeys.derive(for: role, action: "s3:GetObject")["kms:CallerAccount"])
        XCTAssertNil(DerivedContextKeys.derive(for: .anonymous, action: "kms:Decrypt")["kms:CallerAccount"])
        XCTAssertNil(DerivedContextKeys.derive(for: .service("s3.amazonaws.com"), action: "kms:Decrypt")["kms:CallerAccount"])
    }

    /// `callerAndOwnerKeys` names exactly the single-valued keys `derive` sets for callers of
    /// every kind (tags, organization paths and the owner's organization are left to requests).
    func testCallerAndOwnerKeysAreThoseDeriveSets() {
        var user = Principal.user(arn: "arn:aws:iam::444455556666:user/Alice")
        user.orgID = "o-a1b2c3d4e5"
        user.orgPaths = ["o-a1b2c3d4e5/r-ab12/"]
        user.tags = ["team": "blue"]
        let callers: [Principal] = [user, .anonymous, .service("logging.s3.amazonaws.com"), .accountRoot("111122223333"),
                                    .assumedRole(roleArn: "arn:aws:iam::111122223333:role/R", sessionName: "s"),
                                    .federatedUser(arn: "arn:aws:sts::111122223333:federated-user/bob"),
                                    .webIdentity(provider: "accounts.google.com")]
        var derived = Set<String>()
        for caller in callers {
            for entry in DerivedContextKeys.derive(for: caller, resourceAccount: "111122223333").entries {
                let key = entry.key.lowercased()
                if key.hasPrefix("aws:principaltag/") || key == "aws:principalorgpaths" { continue }
                derived.insert(key)
            }
        }
        XCTAssertEqual(derived, DerivedContextKeys.callerAndOwnerKeys)
    }
}
