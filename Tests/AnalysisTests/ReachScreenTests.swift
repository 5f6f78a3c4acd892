@testable import Analysis
import Authorizer
import Encoding
import Policy
import RampartTestSupport
import XCTest

/// `ReachScreen` closes a hop without the solver only when no request of it can be allowed:
/// hand-worked cases from the IAM User Guide ("AWS JSON policy elements: Principal", "Policy
/// evaluation logic", "Cross-account policy evaluation logic"), then a differential against the
/// Authorizer on sampled requests over generated policies.
final class ReachScreenTests: XCTestCase {
    private let alice = ReachTestCallers.alice
    private let etl = ReachTestCallers.etl
    private let data = "arn:aws:iam::111122223333:role/Data"
    private let bucket = "arn:aws:s3:::amzn-s3-demo-bucket"

    private var aliceUser: PrincipalPin { ReachTestCallers.aliceUser }
    private var etlSession: PrincipalPin { ReachTestCallers.etlSession }

    private func question(_ caller: PrincipalPin, identity: String?, resourcePolicy: String?, type: ResourceType,
                          arn: String, account: String, actions: [String]? = nil) -> ReachQuestion {
        let policies = PolicySet(identityPolicies: identity.map { [policy(document($0), type: .identity)].compactMap { $0 } },
                                 resourcePolicy: resourcePolicy.flatMap { policy(document($0), type: type.policyType) })
        return ReachQuestion(caller: caller, policies: policies, resourceType: type, resourceARN: arn, resourceAccount: account,
                             actions: actions)
    }

    private let assumeAny = #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#
    private func trust(_ principal: String, not: Bool = false) -> String {
        #"{"Effect": "Allow", "\#(not ? "NotPrincipal" : "Principal")": \#(principal), "Action": "sts:AssumeRole"}"#
    }

    private func assumeClosed(_ caller: PrincipalPin, trusting principal: String, not: Bool = false) -> Bool {
        ReachScreen.closed(question(caller, identity: assumeAny, resourcePolicy: trust(principal, not: not), type: .iamRole,
                                    arn: data, account: ourAccount, actions: ["sts:AssumeRole"]))
    }

    // A role's trust must name the caller, its role, its account or everyone ("AWS JSON policy
    // elements: Principal"); a trust naming only someone else closes the hop, even in one account.
    func testTrustMustBeAbleToNameTheCaller() {
        XCTAssertTrue(assumeClosed(aliceUser, trusting: #"{"AWS": "arn:aws:iam::111122223333:role/Other"}"#))
        XCTAssertTrue(assumeClosed(aliceUser, trusting: #"{"AWS": "arn:aws:iam::444455556666:root"}"#))
        XCTAssertTrue(assumeClosed(aliceUser, trusting: #"{"Service": "ec2.amazonaws.com"}"#))
        XCTAssertTrue(assumeClosed(aliceUser, trusting: #"{"AWS": "\#(etl)"}"#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #"{"AWS": "\#(alice)"}"#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #"{"AWS": "arn:aws:iam::111122223333:root"}"#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #"{"AWS": "111122223333"}"#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #""*""#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #"{"AWS": "*"}"#))
        XCTAssertFalse(assumeClosed(aliceUser, trusting: #"{"AWS": "arn:aws:iam::111122223333:role/Other"}"#, not: true))
        // A role's sessions: the role's ARN, or a session's ARN (the assumer names the session).
        XCTAssertFalse(assumeClosed(etlSession, trusting: #"{"AWS": "\#(etl)"}"#))
        XCTAssertFalse(assumeClosed(etlSession, trusting: #"{"AWS": "arn:aws:sts::111122223333:assumed-role/Etl/nightly"}"#))
        XCTAssertTrue(assumeClosed(etlSession, trusting: #"{"AWS": "\#(alice)"}"#))
    }

    // A resource policy that names the caller only through its account delegates to the account's
    // identity policies, which must then allow too, even within one account; naming the caller,
    // its role or everyone suffices alone ("Policy evaluation logic", resource-based policies).
    func testAGrantToTheAccountAloneNeedsTheIdentitySide() {
        let readLogs = #"{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}"#
        func closed(_ caller: PrincipalPin, trusting principal: String) -> Bool {
            ReachScreen.closed(question(caller, identity: readLogs, resourcePolicy: trust(principal), type: .iamRole,
                                        arn: data, account: ourAccount, actions: ["sts:AssumeRole"]))
        }
        XCTAssertTrue(closed(aliceUser, trusting: #"{"AWS": "arn:aws:iam::111122223333:root"}"#))
        XCTAssertTrue(closed(aliceUser, trusting: #"{"AWS": "111122223333"}"#))
        XCTAssertFalse(closed(aliceUser, trusting: #"{"AWS": "\#(alice)"}"#))
        XCTAssertFalse(closed(aliceUser, trusting: #"{"AWS": "*"}"#))
        XCTAssertFalse(closed(etlSession, trusting: #"{"AWS": "\#(etl)"}"#))
        XCTAssertTrue(closed(etlSession, trusting: #"{"AWS": "arn:aws:iam::111122223333:root"}"#))
    }

    // Within one account either side suffices, but only a statement whose Resource can match the
    // bucket or its objects allows ("IAM JSON policy elements: Resource"); across accounts the
    // bucket policy must name the caller too ("Cross-account policy evaluation logic").
    func testResourcesAndCrossAccountPrincipals() {
        func closed(_ identityResource: String, bucketPolicy: String? = nil, account: String = ourAccount) -> Bool {
            let identity = #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "\#(identityResource)"}"#
            return ReachScreen.closed(question(aliceUser, identity: identity, resourcePolicy: bucketPolicy, type: .s3Bucket,
                                               arn: bucket, account: account))
        }
        XCTAssertTrue(closed("arn:aws:s3:::other-bucket/*"))
        XCTAssertFalse(closed("arn:aws:s3:::amzn-s3-demo-bucket/*"))
        XCTAssertFalse(closed("arn:aws:s3:::AMZN-S3-DEMO-*"))
        XCTAssertFalse(closed("arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"))
        XCTAssertFalse(closed("*"))
        let grantOther = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "s3:GetObject", "Resource": "*"}"#
        let grantAccount = #"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}"#
        XCTAssertTrue(closed("*", bucketPolicy: grantOther, account: otherAccount))
        XCTAssertFalse(closed("*", bucketPolicy: grantAccount, account: otherAccount))
        // Within one account, a bucket policy naming the caller suffices even without an identity grant.
        let grantAlice = #"{"Effect": "Allow", "Principal": {"AWS": "\#(alice)"}, "Action": "s3:GetObject", "Resource": "*"}"#
        XCTAssertFalse(closed("arn:aws:s3:::other-bucket/*", bucketPolicy: grantAlice))
        XCTAssertTrue(closed("arn:aws:s3:::other-bucket/*", bucketPolicy: grantOther))
    }

    // s3:ListAllMyBuckets has no resource type (Service Authorization Reference, Amazon S3's
    // actions): no request on a bucket carries it, so an identity policy allowing only it on "*"
    // allows nothing on the bucket — the screen sees it with the catalog, not without.
    func testAnActionThatAppliesToNoBucketGrantsNothingThere() {
        let listAll = #"{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ec2:Describe*"], "Resource": "*"}"#
        let asked = question(aliceUser, identity: listAll, resourcePolicy: nil, type: .s3Bucket, arn: bucket, account: ourAccount)
        XCTAssertFalse(ReachScreen.closed(asked))
        XCTAssertTrue(ReachScreen.closed(asked, catalog: .shipped))
        let listBucket = #"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}"#
        XCTAssertFalse(ReachScreen.closed(question(aliceUser, identity: listBucket, resourcePolicy: nil, type: .s3Bucket, arn: bucket,
                                                   account: ourAccount), catalog: .shipped))
    }

    /// Generated policies over a small vocabulary; each question's sampled concrete requests
    /// that the Authorizer allows must find the screen open.
    func testScreenNeverClosesWhatTheAuthorizerAllows() {
        var random = SeededGenerator(seed: 0x5C_2EE7)
        let principals = [#""*""#, #"{"AWS": "*"}"#, #"{"AWS": "111122223333"}"#, #"{"AWS": "arn:aws:iam::111122223333:root"}"#,
                          #"{"AWS": "arn:aws:iam::444455556666:root"}"#, #"{"AWS": "\#(alice)"}"#, #"{"AWS": "\#(etl)"}"#,
                          #"{"AWS": "arn:aws:sts::111122223333:assumed-role/Etl/s1"}"#, #"{"AWS": "arn:aws:iam::111122223333:user/bob"}"#,
                          #"{"Service": "ec2.amazonaws.com"}"#]
        let conditions = ["", #", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}"#,
                          #", "Condition": {"ArnEquals": {"aws:PrincipalArn": "\#(alice)"}}"#]
        let roleTarget = (type: ResourceType.iamRole, arn: data, actions: ["sts:AssumeRole"], resources: [data])
        let bucketTarget = (type: ResourceType.s3Bucket, arn: bucket, actions: ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:ListAllMyBuckets", "s3:GetObjectV9"],
                            resources: [bucket, bucket + "/k", bucket + "/alice/k"])
        let identityResources = ["*", data, "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/Other",
                                 bucket, bucket + "/*", bucket + "/${aws:username}/*", "arn:aws:s3:::other/*"]
        let identityActions = ["sts:AssumeRole", "s3:GetObject", "s3:*", "*", "s3:List*", "ec2:*", "s3:ListAllMyBuckets", "s3:GetObjectV9"]
        var allowed = 0, closedCount = 0, applicable = 0
        for _ in 0..<400 {
            let target = random.chance(0.5) ? roleTarget : bucketTarget
            let account = random.chance(0.7) ? ourAccount : otherAccount
            var identity: [String] = []
            for _ in 0..<random.int(0...2) {
                let resource = random.chance(0.2) ? #""NotResource": "arn:aws:s3:::other/*""# : #""Resource": "\#(random.pick(identityResources))""#
                identity.append(#"{"Effect": "Allow", "Action": "\#(random.pick(identityActions))", \#(resource)}"#)
            }
            var resourcePolicy: [String] = []
            for _ in 0..<random.int(0...2) {
                let element = random.chance(0.15) ? "NotPrincipal" : "Principal"
                let action = target.type == .iamRole ? "sts:AssumeRole" : random.pick(["s3:GetObject", "s3:*", "*"])
                let resource = target.type == .iamRole ? "" : #", "Resource": "\#(random.pick([bucket + "/*", bucket, "*"]))""#
                resourcePolicy.append(#"{"Effect": "Allow", "\#(element)": \#(random.pick(principals)), "Action": "\#(action)"\#(resource)\#(random.pick(conditions))}"#)
            }
            let caller = random.chance(0.5) ? aliceUser : etlSession
            var pin = caller
            pin.principal.tags = random.chance(0.5) ? ["team": "red"] : [:]
            let arn = target.type == .iamRole ? target.arn.replacingOccurrences(of: ourAccount, with: account) : target.arn
            var asked = question(pin, identity: identity.isEmpty ? nil : identity.joined(separator: ","),
                                 resourcePolicy: resourcePolicy.isEmpty ? nil : resourcePolicy.joined(separator: ","),
                                 type: target.type, arn: arn, account: account, actions: target.actions)
            if identity.isEmpty && random.chance(0.5) { asked.policies.identityPolicies = [] }
            let closed = ReachScreen.closed(asked)
            if closed { closedCount += 1 }
            // With the catalog, the screen also reads which actions apply to the resource: it
            // must stay open for every allowed request whose action applies there.
            let closedWithCatalog = ReachScreen.closed(asked, catalog: .shipped)
            let applicability = ActionApplicability(resourceType: target.type, scopes: target.type.requestResources(for: arn),
                                                    actionPatterns: ActionClasses.actionValues(of: [asked.policies]), catalog: .shipped)
            for action in target.actions {
                for resource in target.resources {
                    let resource = resource.replacingOccurrences(of: ourAccount, with: account)
                    for session in ["s1", "rampart"] {
                        var principal = pin.principal
                        if principal.kind == .assumedRoleSession {
                            principal.arn = Principal.assumedRole(roleArn: etl, sessionName: session).arn
                        }
                        let request = Request(principal: principal, action: action, resource: resource, resourceAccount: account)
                        guard Authorizer.evaluate(request, policies: asked.policies).outcome == .allow else { continue }
                        allowed += 1
                        XCTAssertFalse(closed, "the screen closed a hop the Authorizer allows: \(RequestFile.encode(request)) under \(identity) / \(resourcePolicy)")
                        if applicability?.admits(action: action, resource: resource) ?? true {
                            applicable += 1
                            XCTAssertFalse(closedWithCatalog, "the screen with the catalog closed an allowed request: \(RequestFile.encode(request))")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(allowed, 50, "the generator must produce allowed requests")
        XCTAssertGreaterThan(applicable, 30, "the generator must produce allowed requests whose action applies")
        XCTAssertGreaterThan(closedCount, 50, "the generator must produce screened questions")
    }
}
