@testable import Analysis
import Authorizer
import Policy
import XCTest
import Z3

/// A request made to a bucket directly carries no access point keys; one through an access point
/// carries its ARN and account (S3 User Guide, "Configuring IAM policies for using access points",
/// "Delegating access control to access points" and "Condition keys";
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html). The bucket's
/// own question asks about direct requests and requests through access points of accounts whose
/// access points are not judged as routes of their own (`AnalyzedResource.accessPointAccountsKnown`).
final class AccessPointRequestKeysTests: XCTestCase {
    /// The guide's delegation policy.
    let delegation = #"""
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*",
         "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
         "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}
        """#

    func ownQuestion(_ statements: String, known: [String]) -> ExternalAccessResult {
        analyze(.s3Bucket, arn: bucket, statements: statements, configure: { $0.accessPointAccountsKnown = known })
    }

    // The guide's delegation, the owner's access points all known (each judged as its own route):
    // no request made to the bucket itself carries `s3:DataAccessPointAccount`, so nothing gets in
    // directly, and a request through another account's access point names that account.
    func testDelegationToTheOwnersAccessPointsIsNoExternalAccessOnTheBucketsOwnQuestion() {
        let result = ownQuestion(delegation, known: [ourAccount])
        XCTAssertEqual(result.status, .noExternalAccess, "\(result.findings.map(\.witness))")
    }

    // Nothing known of the access points (`check` without --access-point-arn): an access point of
    // the owner's account may grant anyone, so the answer is a finding, never a proof.
    func testDelegationWithAccessPointsUnknownIsNotSafe() {
        let result = ownQuestion(delegation, known: [])
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertEqual(result.findings.first?.witness.context["s3:DataAccessPointAccount"]?.text, ourAccount)
    }

    // Delegation to another account's access points: unless that account's access points are
    // known (and judged as routes), requests through them are the bucket's own question's.
    func testDelegationToAnotherAccountsAccessPointsStaysExternalUnlessThatAccountIsKnown() {
        let toOther = delegation.replacingOccurrences(of: #""s3:DataAccessPointAccount": "111122223333""#,
                                                      with: #""s3:DataAccessPointAccount": "\#(otherAccount)""#)
        XCTAssertEqual(ownQuestion(toOther, known: [ourAccount]).status, .externalAccess)
        XCTAssertEqual(ownQuestion(toOther, known: [ourAccount, otherAccount]).status, .noExternalAccess)
    }

    // A condition on the access point ARN alone: an access point of a known account is recognised
    // by its ARN's account segment (`arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME`).
    func testDelegationByAccessPointArnFollowsTheArnsAccount() {
        let byArn = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/*"}}}
            """#
        XCTAssertEqual(ownQuestion(byArn, known: [ourAccount]).status, .noExternalAccess)
        XCTAssertEqual(ownQuestion(byArn, known: []).status, .externalAccess)
        // Known limit (an over-approximation, not AWS's answer): with `*` for the region, the glob
        // also matches `arn:aws:s3:a:b:111122223333:accesspoint/x`, whose account segment is `b`.
        // Rampart does not assume the form S3 gives the key's values, so such a request through
        // "an access point of account b" stays a finding.
        let anyRegion = byArn.replacingOccurrences(of: "us-west-2", with: "*")
        let result = ownQuestion(anyRegion, known: [ourAccount])
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertFalse(result.findings.first?.witness.context["s3:DataAccessPointArn"]?.text.hasPrefix("arn:aws:s3:us-west-2:111122223333:") ?? true)
    }

    // A policy that grants without a delegation condition is reached directly, as before.
    func testAPublicGrantWithoutDelegationIsStillReachedDirectly() {
        let result = ownQuestion(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
                                 known: [ourAccount])
        XCTAssertEqual(result.status, .externalAccess)
        XCTAssertNil(result.findings.first?.witness.context["s3:DataAccessPointAccount"])
    }

    // The concrete form (`admits`, which witnesses must pass) and the symbolic form (the
    // question's constraint) agree on every pinned request: direct, through a known account's
    // access point, through another's, and requests carrying only some of the keys.
    func testConcreteAndSymbolicFormsAgree() throws {
        let reading = #"""
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
             "Condition": {"StringLikeIfExists": {"s3:DataAccessPointArn": "*", "s3:DataAccessPointAccount": "*", "s3:AccessPointNetworkOrigin": "*"}}}
            """#
        let parsed = try XCTUnwrap(policy(document(reading)))
        let ours = "arn:aws:s3:us-west-2:\(ourAccount):accesspoint/ap"
        let theirs = "arn:aws:s3:us-west-2:\(otherAccount):accesspoint/ap"
        func context(_ arn: String?, _ account: String?, _ origin: String?) -> RequestContext {
            var context = RequestContext()
            if let arn { context[AccessPointRequestKeys.arn] = .arn(arn) }
            if let account { context[AccessPointRequestKeys.account] = .string(account) }
            if let origin { context[AccessPointRequestKeys.networkOrigin] = .string(origin) }
            return context
        }
        let contexts = [context(nil, nil, nil), context(ours, ourAccount, "Internet"), context(theirs, otherAccount, "VPC"),
                        context(theirs, otherAccount, nil), context(ours, otherAccount, nil), context(theirs, ourAccount, nil),
                        context(nil, otherAccount, nil), context(theirs, nil, nil), context(nil, nil, "VPC")]
        for known in [[], [ourAccount], [ourAccount, otherAccount]] {
            var resource = AnalyzedResource(arn: bucket, type: .s3Bucket, account: ourAccount, policy: parsed)
            resource.accessPointAccountsKnown = known
            let z3 = try Z3Context()
            let query = try ExternalAccessQuery(resource: resource, zone: ourZone, context: z3)
            let read = try XCTUnwrap(query.accessPointKeysRead)
            XCTAssertEqual(read, AccessPointRequestKeys.names)
            let term = try XCTUnwrap(AccessPointRequestKeys.symbolic(read: read, knownAccounts: known,
                                                                     request: query.authorization.request, context: z3))
            for stated in contexts {
                let request = Request(principal: .accountRoot(otherAccount), action: "s3:GetObject",
                                      resource: bucket + "/k", resourceAccount: ourAccount, context: stated)
                let concrete = AccessPointRequestKeys.admits(request.effectiveContext, read: read, knownAccounts: known)
                let solver = try Z3Solver(context: z3, timeoutMilliseconds: 60_000)
                try solver.assert(query.authorization.pin(request))
                try solver.assert(term)
                try solver.assert(query.authorization.wellFormedness())
                let result = try solver.check()
                XCTAssertFalse({ if case .unknown = result { return true }; return false }(), "solver gave up")
                XCTAssertEqual(result.isSat, concrete, "known \(known): \(RequestFile.encode(request))")
            }
        }
        // Hand-worked: direct is always admitted; through our access point only when our account is not known.
        XCTAssertTrue(AccessPointRequestKeys.admits(context(nil, nil, nil), read: AccessPointRequestKeys.names, knownAccounts: [ourAccount]))
        XCTAssertFalse(AccessPointRequestKeys.admits(context(ours, ourAccount, "Internet"), read: AccessPointRequestKeys.names, knownAccounts: [ourAccount]))
        XCTAssertTrue(AccessPointRequestKeys.admits(context(theirs, otherAccount, nil), read: AccessPointRequestKeys.names, knownAccounts: [ourAccount]))
        XCTAssertFalse(AccessPointRequestKeys.admits(context(nil, nil, "VPC"), read: AccessPointRequestKeys.names, knownAccounts: []),
                       "a network origin comes only with an access point's ARN and account")
    }
}
