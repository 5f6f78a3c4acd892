@testable import Analysis
import Authorizer
import Encoding
import Policy
import XCTest

/// Within a layer that closes an access-path hop, the statements and conditions that close it
/// (issue 18, item 5): an unsat core of the reach question over tracking literals, minimised. Each
/// expectation is worked by hand from the policies and the IAM User Guide's evaluation rules.
final class ClosingStatementsTests: XCTestCase {
    private let bucket = "arn:aws:s3:::amzn-s3-demo-bucket"
    private let etlRole = "arn:aws:iam::111122223333:role/Etl"

    /// Any session of the Etl role of 111122223333, with no tags.
    private func etlSession() -> PrincipalPin {
        var session = Principal.assumedRole(roleArn: etlRole, sessionName: "rampart")
        session.userID = "AROADBQP57FF2AEXAMPLE"
        return PrincipalPin(session, anySessionName: true)
    }

    private func question(identity: String, resourcePolicy: String?, boundary: String? = nil, scp: String? = nil,
                          type: ResourceType = .s3Bucket, arn: String? = nil, account: String = otherAccount,
                          actions: [String]? = nil) -> ReachQuestion {
        var policies = PolicySet(identityPolicies: [policy(document(identity), type: .identity)].compactMap { $0 },
                                 resourcePolicy: resourcePolicy.flatMap { policy(document($0), type: type.policyType) })
        policies.permissionsBoundary = boundary.flatMap { policy(document($0), type: .boundary) }
        policies.serviceControlPolicies = scp.map { [[policy(document($0), type: .scp)].compactMap { $0 }] }
        return ReachQuestion(caller: etlSession(), policies: policies, resourceType: type, resourceARN: arn ?? bucket,
                             resourceAccount: account, actions: actions)
    }

    private func assertClosed(_ question: ReachQuestion, file: StaticString = #filePath, line: UInt = #line) {
        guard case .unreachable = PrincipalReach.ask(question, timeoutMilliseconds: 120_000) else {
            return XCTFail("expected the hop proved closed", file: file, line: line)
        }
    }

    // IAM User Guide, "Policy evaluation logic": an explicit Deny that applies wins. Etl may only
    // s3:GetObject (its identity policy; across accounts both sides must allow, "Cross-account
    // policy evaluation logic"), the bucket grants it, and of the two Deny statements only
    // "NoReads" (s3:GetObject) applies to such a request; "NoWrites" (s3:PutObject) does not.
    func testOfTwoDenyStatementsOnlyTheOneThatAppliesIsNamed() throws {
        let grant = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let noWrites = #"{"Sid": "NoWrites", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:PutObject", "Resource": "*"}"#
        let noReads = #"{"Sid": "NoReads", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let hop = question(identity: #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#,
                           resourcePolicy: [grant, noWrites, noReads].joined(separator: ","))
        assertClosed(hop)
        XCTAssertEqual(PrincipalReach.blockingLayers(hop, timeoutMilliseconds: 120_000).map(\.layer), [.resourcePolicy])
        let why = PrincipalReach.closingStatements(hop, layer: .resourcePolicy, timeoutMilliseconds: 120_000)
        XCTAssertNil(why.undetermined)
        XCTAssertEqual(why.elements, [ClosingStatements.Element(policy: "policy.json", index: 3, sid: "NoReads", effect: "Deny", condition: nil)])
        XCTAssertEqual(why.layer, "the resource's policy")
    }

    // IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements: Condition": the
    // trust's one statement names Etl but needs both an external id (the caller's choice, so it
    // closes nothing) and the tag clearance=high, which Etl's sessions do not carry (their tags
    // are fixed here): the tag condition alone closes the hop.
    func testTheConditionThatClosesATrustIsNamedAndTheOneTheCallerMeetsIsNot() throws {
        let trust = #"""
            {"Sid": "EtlWithClearance", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"sts:ExternalId": "x-42", "aws:PrincipalTag/clearance": "high"}}}
            """#
        let hop = question(identity: #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#, resourcePolicy: trust,
                           type: .iamRole, arn: "arn:aws:iam::111122223333:role/Data", account: ourAccount, actions: ["sts:AssumeRole"])
        assertClosed(hop)
        let why = PrincipalReach.closingStatements(hop, layer: .resourcePolicy, timeoutMilliseconds: 120_000)
        XCTAssertEqual(why.elements, [ClosingStatements.Element(policy: "policy.json", index: 1, sid: "EtlWithClearance", effect: "Allow",
                                                                condition: "StringEquals aws:PrincipalTag/clearance")])
    }

    // IAM User Guide, "Permissions boundaries for IAM entities": a boundary allowing only sqs:*
    // closes every s3 request with no Deny or condition of it involved: no statement is named —
    // not its Deny of sqs:DeleteQueue either, which the solver is asked about and drops.
    func testABoundaryThatCoversNothingNamesNoStatement() throws {
        let hop = question(identity: #"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#, resourcePolicy: nil,
                           boundary: #"{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}, {"Effect": "Deny", "Action": "sqs:DeleteQueue", "Resource": "*"}"#,
                           account: ourAccount)
        assertClosed(hop)
        let why = PrincipalReach.closingStatements(hop, layer: .permissionsBoundary, timeoutMilliseconds: 120_000)
        XCTAssertNil(why.undetermined)
        XCTAssertEqual(why.elements, [])
        XCTAssertEqual(why.policies, ["policy.json"])
    }

    // AWS Organizations User Guide, "SCP evaluation", and IAM User Guide, "Policy evaluation
    // logic": an SCP's Deny of s3 and the bucket policy's Deny of Etl each close the hop alone,
    // so no single layer opens it; a core over every layer names one of the two, not both (a
    // minimal core: either suffices for the proof).
    func testTwoLayersThatEachCloseItAloneGiveOneStatementOverAllLayers() throws {
        let grant = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}"#
        let denyEtl = #"{"Sid": "NoEtl", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Etl"}, "Action": "s3:*", "Resource": "*"}"#
        let hop = question(identity: #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#, resourcePolicy: grant + "," + denyEtl,
                           scp: #"{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#)
        assertClosed(hop)
        XCTAssertEqual(PrincipalReach.blockingLayers(hop, timeoutMilliseconds: 120_000).count, 0)
        let why = PrincipalReach.closingStatements(hop, layers: StatementTracking.Layer.allCases, title: "the layers together",
                                                   timeoutMilliseconds: 120_000)
        XCTAssertNil(why.undetermined)
        XCTAssertEqual(why.elements?.count, 1)
        XCTAssertTrue(["NoEtl", "NoS3"].contains(why.elements?.first?.sid ?? ""), "\(String(describing: why.elements))")
        XCTAssertEqual(why.elements?.first?.effect, "Deny")
    }
}
