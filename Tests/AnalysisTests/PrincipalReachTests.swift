@testable import Analysis
import Authorizer
import Encoding
import Policy
import XCTest

/// One edge of an access path (issue 18): a known caller and one resource, with every policy on
/// both sides. Expectations come from the IAM User Guide's evaluation pages, cited per test.
final class PrincipalReachTests: XCTestCase {
    private let dataBucket = "arn:aws:s3:::amzn-s3-demo-bucket"
    private let etlRole = "arn:aws:iam::111122223333:role/Etl"
    private let etlRoleID = "AROADBQP57FF2AEXAMPLE"

    /// Any session of the Etl role, of account 111122223333; its name and tags fixed unless said.
    private func etlSession(tags: [String: String] = [:], anyTags: Bool = false) -> PrincipalPin {
        var session = Principal.assumedRole(roleArn: etlRole, sessionName: "rampart")
        session.userID = etlRoleID
        session.tags = tags
        return PrincipalPin(session, anySessionName: true, anyTags: anyTags)
    }

    private func identity(_ statements: String) -> [Policy] { [policy(document(statements), type: .identity)].compactMap { $0 } }

    private func ask(_ caller: PrincipalPin, identity: [Policy]?, bucketPolicy: String?, bucketAccount: String,
                     boundary: String? = nil, scps: [String]? = nil, rcps: [String]? = nil,
                     type: ResourceType = .s3Bucket, arn: String? = nil, actions: [String]? = nil) -> ReachAnswer {
        var policies = PolicySet(identityPolicies: identity,
                                 resourcePolicy: bucketPolicy.flatMap { policy(document($0), type: type.policyType) })
        policies.permissionsBoundary = boundary.flatMap { policy(document($0), type: .boundary) }
        policies.serviceControlPolicies = scps.map { [$0.compactMap { policy(document($0), type: .scp) }] }
        policies.resourceControlPolicies = rcps.map { [$0.compactMap { policy(document($0), type: .rcp) }] }
        let question = ReachQuestion(caller: caller, policies: policies, resourceType: type, resourceARN: arn ?? dataBucket,
                                     resourceAccount: bucketAccount, actions: actions)
        return PrincipalReach.ask(question, timeoutMilliseconds: 120_000)
    }

    private func witness(_ answer: ReachAnswer, file: StaticString = #filePath, line: UInt = #line) -> Request? {
        guard case .reachable(let request) = answer else {
            XCTFail("expected reachable, got \(answer)", file: file, line: line)
            return nil
        }
        return request
    }

    private func assertUnreachable(_ answer: ReachAnswer, file: StaticString = #filePath, line: UInt = #line) {
        guard case .unreachable = answer else { return XCTFail("expected a proof of no reach, got \(answer)", file: file, line: line) }
    }

    private let readData = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
    private func bucketGrant(to principal: String) -> String {
        #"{"Effect": "Allow", "Principal": {"AWS": "\#(principal)"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
    }

    // IAM User Guide, "Cross-account policy evaluation logic": a request across accounts needs an
    // allow from the caller's identity policies AND from the resource's policy.
    func testAcrossAccountsBothSidesMustAllow() {
        let bothAllow = ask(etlSession(), identity: identity(readData), bucketPolicy: bucketGrant(to: etlRole), bucketAccount: otherAccount)
        let request = witness(bothAllow)
        XCTAssertEqual(request?.action, "s3:GetObject")
        XCTAssertEqual(request?.principal.roleArn, etlRole)
        XCTAssertEqual(request?.resource.hasPrefix(dataBucket + "/"), true)
        assertUnreachable(ask(etlSession(), identity: identity(readData), bucketPolicy: nil, bucketAccount: otherAccount))
        assertUnreachable(ask(etlSession(), identity: [], bucketPolicy: bucketGrant(to: etlRole), bucketAccount: otherAccount))
    }

    // IAM User Guide, "Policy evaluation logic" (within one account): an allow in the identity
    // policy or in the resource policy suffices.
    func testWithinOneAccountEitherSideSuffices() {
        XCTAssertNotNil(witness(ask(etlSession(), identity: identity(readData), bucketPolicy: nil, bucketAccount: ourAccount)))
        XCTAssertNotNil(witness(ask(etlSession(), identity: [], bucketPolicy: bucketGrant(to: etlRole), bucketAccount: ourAccount)))
        assertUnreachable(ask(etlSession(), identity: [], bucketPolicy: nil, bucketAccount: ourAccount))
    }

    // An explicit Deny anywhere wins; an SCP on the caller's account and a permissions boundary
    // must allow too (IAM User Guide, "Policy evaluation logic"; AWS Organizations User Guide,
    // "SCP evaluation"; "Permissions boundaries for IAM entities"); an RCP on the resource's
    // account must allow (AWS Organizations User Guide, "Resource control policies").
    func testDenyBoundarySCPAndRCPEachBreakTheEdge() {
        let both = (identity: identity(readData), bucket: bucketGrant(to: etlRole))
        let denyRole = #"{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:*", "Resource": "*"}"#
        assertUnreachable(ask(etlSession(), identity: both.identity, bucketPolicy: both.bucket + "," + denyRole, bucketAccount: otherAccount))
        let sqsOnly = #"{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}"#
        assertUnreachable(ask(etlSession(), identity: both.identity, bucketPolicy: both.bucket, bucketAccount: otherAccount, boundary: sqsOnly))
        let allowAll = #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#
        let denyS3 = #"{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#
        assertUnreachable(ask(etlSession(), identity: both.identity, bucketPolicy: both.bucket, bucketAccount: otherAccount,
                              scps: [allowAll, denyS3]))
        XCTAssertNotNil(witness(ask(etlSession(), identity: both.identity, bucketPolicy: both.bucket, bucketAccount: otherAccount,
                                    scps: [allowAll])))
        // The RCP lets in only callers of the bucket's own organization; the Etl role's account is in none.
        let ownOrganizationOnly = #"""
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
             "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
            """#
        assertUnreachable(ask(etlSession(), identity: both.identity, bucketPolicy: both.bucket, bucketAccount: otherAccount,
                              rcps: [#"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#, ownOrganizationOnly]))
    }

    // IAM User Guide, "AWS global condition context keys", aws:PrincipalTag: the session carries
    // the role's tags, or session tags its assumer passes. Fixed tags decide; free tags reach.
    func testTagConditionsFollowTheCallersTags() {
        let tagged = #"""
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}}
            """#
        let request = witness(ask(etlSession(tags: ["team": "data"]), identity: identity(readData), bucketPolicy: tagged, bucketAccount: otherAccount))
        XCTAssertEqual(request?.principal.tags["team"], "data")
        assertUnreachable(ask(etlSession(tags: ["team": "web"]), identity: identity(readData), bucketPolicy: tagged, bucketAccount: otherAccount))
        assertUnreachable(ask(etlSession(), identity: identity(readData), bucketPolicy: tagged, bucketAccount: otherAccount))
        let free = witness(ask(etlSession(tags: ["team": "web"], anyTags: true), identity: identity(readData), bucketPolicy: tagged,
                               bucketAccount: otherAccount))
        XCTAssertEqual(free?.principal.tags["team"], "data")
    }

    // IAM User Guide, "AWS global condition context keys", aws:userid: for a role session it is
    // "role-id:caller-specified-role-name". A condition on one session name is met by a session
    // of that name, and never by a session of another role.
    func testSessionNameIsTheAssumersChoiceButTheRoleIDIsNot() {
        let aliceOnly = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringLike": {"aws:userid": "AROADBQP57FF2AEXAMPLE:alice"}}}
            """#
        let request = witness(ask(etlSession(), identity: identity(readData), bucketPolicy: aliceOnly, bucketAccount: otherAccount))
        XCTAssertEqual(request?.principal.userID, "AROADBQP57FF2AEXAMPLE:alice")
        XCTAssertEqual(request?.principal.arn, "arn:aws:sts::111122223333:assumed-role/Etl/alice")
        let otherRole = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringLike": {"aws:userid": "AROAOTHERROLEEXAMPLE:*"}}}
            """#
        assertUnreachable(ask(etlSession(), identity: identity(readData), bucketPolicy: otherRole, bucketAccount: otherAccount))
    }

    // AWS KMS Developer Guide, "Key policies": unless the key policy allows it, IAM policies cannot
    // give access to a key — even in the key's own account.
    func testAKeyPolicyMustAllowEvenWithinTheAccount() {
        let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let decrypt = #"{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}"#
        let adminsOnly = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"}, "Action": "kms:*", "Resource": "*"}"#
        assertUnreachable(ask(etlSession(), identity: identity(decrypt), bucketPolicy: adminsOnly, bucketAccount: ourAccount,
                              type: .kmsKey, arn: key))
        let delegates = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}"#
        let request = witness(ask(etlSession(), identity: identity(decrypt), bucketPolicy: delegates, bucketAccount: ourAccount,
                                  type: .kmsKey, arn: key))
        XCTAssertEqual(request?.action, "kms:Decrypt")
    }

    // Can-assume (IAM User Guide, "Granting a user permissions to switch roles"): within one
    // account, a trust naming the account lets in the account's users whose identity policy
    // allows sts:AssumeRole; a trust naming the user lets it in by itself.
    func testAUserAssumesARoleOfItsAccount() {
        var user = Principal.user(arn: "arn:aws:iam::111122223333:user/dev")
        user.userID = "AIDACKCEVSQ6C2EXAMPLE"
        let caller = PrincipalPin(user)
        let trustAccount = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
        let trustUser = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "sts:AssumeRole"}"#
        let mayAssume = #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Etl"}"#
        let assume = ["sts:AssumeRole"]
        let request = witness(ask(caller, identity: identity(mayAssume), bucketPolicy: trustAccount, bucketAccount: ourAccount,
                                  type: .iamRole, arn: etlRole, actions: assume))
        XCTAssertEqual(request?.principal.arn, "arn:aws:iam::111122223333:user/dev")
        XCTAssertEqual(request?.resource, etlRole)
        assertUnreachable(ask(caller, identity: [], bucketPolicy: trustAccount, bucketAccount: ourAccount, type: .iamRole, arn: etlRole,
                              actions: assume))
        XCTAssertNotNil(witness(ask(caller, identity: [], bucketPolicy: trustUser, bucketAccount: ourAccount, type: .iamRole, arn: etlRole,
                                    actions: assume)))
    }

    // Any principal of an outside account, its identity policies unknown (assumed to allow, as
    // Access Analyzer assumes): reaches the bucket its policy grants to that account.
    func testAnOutsideAccountWithUnknownIdentityPolicies() {
        let caller = PrincipalPin(.accountRoot(otherAccount))
        let grant = bucketGrant(to: "arn:aws:iam::444455556666:root")
        XCTAssertNotNil(witness(ask(caller, identity: nil, bucketPolicy: grant, bucketAccount: ourAccount)))
        assertUnreachable(ask(caller, identity: nil, bucketPolicy: bucketGrant(to: "arn:aws:iam::555566667777:root"), bucketAccount: ourAccount))
    }

    // S3 User Guide, "Blocking public access to your Amazon S3 storage", RestrictPublicBuckets:
    // with a public bucket policy, only service principals and the owner's account get in — a
    // role of another account does not, whatever the policy grants.
    func testRestrictPublicBucketsKeepsOtherAccountsOutOfAPublicBucket() {
        let everyone = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        func question(bucketAccount: String, restricted: Bool) -> ReachAnswer {
            var set = PolicySet(identityPolicies: identity(readData), resourcePolicy: policy(document(everyone)))
            set.resourcePolicyKind = .standard
            var question = ReachQuestion(caller: etlSession(), policies: set, resourceType: .s3Bucket, resourceARN: dataBucket,
                                         resourceAccount: bucketAccount)
            var resource = AnalyzedResource(arn: dataBucket, type: .s3Bucket, account: bucketAccount, policy: policy(document(everyone)))
            if restricted { resource.blockPublicAccess = BlockPublicAccess(restrictPublicBuckets: true) }
            question.restrictPublicBucketsOwners = resource.restrictPublicBucketsOwners
            return PrincipalReach.ask(question, timeoutMilliseconds: 120_000)
        }
        XCTAssertNotNil(witness(question(bucketAccount: otherAccount, restricted: false)))
        assertUnreachable(question(bucketAccount: otherAccount, restricted: true))
        XCTAssertNotNil(witness(question(bucketAccount: ourAccount, restricted: true)), "the owner's own account still gets in")
    }
}
