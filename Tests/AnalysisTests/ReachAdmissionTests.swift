@testable import Analysis
import Authorizer
import Encoding
import Policy
import XCTest

/// `ReachAdmission`: an open hop witnessed by a concrete request without the solver. Each
/// admitted request is checked against the pinned question (SAT), and requests that are not real
/// or not the question's are refused — and, where the pin itself rules them out, the pinned
/// question is UNSAT for them too. Expectations are worked by hand from the IAM User Guide and
/// the STS API Reference, cited per test.
final class ReachAdmissionTests: XCTestCase {
    private let target = "arn:aws:iam::444455556666:role/Data"
    private let bucket = "arn:aws:s3:::amzn-s3-demo-bucket"

    private func question(_ caller: PrincipalPin, identity: String, resource: String, type: ResourceType, arn: String,
                          account: String, actions: [String]?) throws -> ReachQuestion {
        let policies = PolicySet(identityPolicies: [try XCTUnwrap(policy(document(identity), type: .identity))],
                                 resourcePolicy: try XCTUnwrap(policy(document(resource), type: type.policyType)))
        return ReachQuestion(caller: caller, policies: policies, resourceType: type, resourceARN: arn, resourceAccount: account, actions: actions)
    }

    /// IAM User Guide, "Cross-account policy evaluation logic" and "Roles terms and concepts" (role
    /// chaining): Etl's sessions may assume Data in another account when Etl's identity policy
    /// allows `sts:AssumeRole` on it and Data's trust names Etl. No policy has a condition, so
    /// the first candidate is admitted; the pinned question confirms it.
    private func assumeData() throws -> ReachQuestion {
        try question(ReachTestCallers.etlSession,
                     identity: #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(target)"}"#,
                     resource: #"{"Effect": "Allow", "Principal": {"AWS": "\#(ReachTestCallers.etl)"}, "Action": "sts:AssumeRole"}"#,
                     type: .iamRole, arn: target, account: otherAccount, actions: ["sts:AssumeRole"])
    }

    func testARoleHopAdmittedConcretelyIsSatPinned() throws {
        let question = try assumeData()
        let candidates = PrincipalReach.candidates(question, catalog: .shipped)
        let admitted = try XCTUnwrap(candidates.first(where: \.admitted)?.request)
        XCTAssertEqual(admitted.action.lowercased(), "sts:assumerole")
        XCTAssertEqual(admitted.resource, target)
        XCTAssertEqual(admitted.principal.arn, "arn:aws:sts::111122223333:assumed-role/Etl/session")
        XCTAssertEqual(admitted.principal.userID, "AROAETL00000EXAMPLE:session")
        guard case .reachable? = PrincipalReach.pinnedAnswer(question, request: admitted, catalog: .shipped) else {
            return XCTFail("the admitted request is not confirmed by the pinned question")
        }
        // The answer is the admitted request itself.
        guard case .reachable(let witness) = PrincipalReach.ask(question) else { return XCTFail("the hop is open") }
        XCTAssertEqual(RequestFile.encode(witness), RequestFile.encode(admitted))
    }

    /// IAM User Guide, "Policy evaluation logic": within one account, alice's identity policy
    /// allowing `s3:GetObject` on the bucket's objects suffices without a bucket policy grant.
    func testAUserBucketHopAdmittedConcretelyIsSatPinned() throws {
        let question = try self.question(ReachTestCallers.aliceUser,
                                         identity: #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "\#(bucket)/*"}"#,
                                         resource: #"{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "\#(bucket)"}"#,
                                         type: .s3Bucket, arn: bucket, account: ourAccount, actions: nil)
        let admitted = try XCTUnwrap(PrincipalReach.candidates(question, catalog: .shipped).first(where: \.admitted)?.request)
        XCTAssertEqual(admitted.action, "s3:GetObject")
        XCTAssertEqual(admitted.resource, bucket + "/x")
        guard case .reachable? = PrincipalReach.pinnedAnswer(question, request: admitted, catalog: .shipped) else {
            return XCTFail("the admitted request is not confirmed by the pinned question")
        }
    }

    /// A trust that reads a request key (here `aws:PrincipalTag/team`; IAM User Guide, "Passing
    /// session tags in AWS STS") is out of the admission's scope: the candidate the Authorizer
    /// allows is left to the solver, which still opens the hop (pinned).
    func testQuestionsReadingRequestKeysAreLeftToTheSolver() throws {
        var session = ReachTestCallers.etlSession
        session.principal.tags = ["team": "data"]
        let question = try self.question(session,
                                         identity: #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "\#(target)"}"#,
                                         resource: #"{"Effect": "Allow", "Principal": {"AWS": "\#(ReachTestCallers.etl)"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}}"#,
                                         type: .iamRole, arn: target, account: otherAccount, actions: ["sts:AssumeRole"])
        let candidates = PrincipalReach.candidates(question, catalog: .shipped)
        XCTAssertFalse(candidates.isEmpty)
        XCTAssertFalse(candidates.contains(where: \.admitted))
        guard case .reachable = PrincipalReach.ask(question) else { return XCTFail("the tagged session may assume Data") }
    }

    /// Requests that are not real or not the question's are refused; where the pin itself rules
    /// them out, the pinned question is UNSAT for them.
    func testUnrealisticAndOutOfScopeRequestsAreRefused() throws {
        let question = try assumeData()
        let policies = PrincipalReach.settledPolicies(question)
        let applicability = try XCTUnwrap(ActionApplicability(resourceType: .iamRole, scopes: ResourceType.iamRole.requestResources(for: target),
                                                              actionPatterns: ActionClasses.actionValues(of: [policies]), catalog: .shipped))
        let admitted = try XCTUnwrap(PrincipalReach.candidates(question, catalog: .shipped).first(where: \.admitted)?.request)
        func refused(_ change: (inout Request) -> Void, pinnedUnsat: Bool, _ what: String) {
            var request = admitted
            change(&request)
            XCTAssertFalse(ReachAdmission.problems(request, question: question, policies: policies, applicability: applicability).isEmpty,
                           "admitted: \(what)")
            if pinnedUnsat {
                guard case .unreachable? = PrincipalReach.pinnedAnswer(question, request: request, catalog: .shipped) else {
                    return XCTFail("the pinned question is not UNSAT for \(what)")
                }
            }
        }
        func session(_ name: String, userID: String? = nil) -> (inout Request) -> Void {
            { request in
                request.principal.arn = "arn:aws:sts::111122223333:assumed-role/Etl/\(name)"
                request.principal.userID = userID ?? "AROAETL00000EXAMPLE:\(name)"
            }
        }
        // STS API Reference, AssumeRole, RoleSessionName: "Minimum length of 2. Maximum length of 64."
        refused(session("s"), pinnedUnsat: true, "a session name of one character")
        refused(session(String(repeating: "s", count: 65)), pinnedUnsat: true, "a session name of 65 characters")
        // The same page: the name's characters are [\w+=,.@-]; a space is not one.
        refused(session("a b"), pinnedUnsat: false, "a session name with a space")
        // IAM User Guide, "AWS global condition context keys", aws:userid: role-id:session-name.
        refused(session("session", userID: "AROAOTHER0000EXAMPLE:session"), pinnedUnsat: true, "another role's id")
        refused({ $0.principal.arn = "arn:aws:sts::111122223333:assumed-role/Other/session" }, pinnedUnsat: true, "a session of another role")
        refused({ $0.principal = .accountRoot(ourAccount) }, pinnedUnsat: true, "another kind of caller")
        refused({ $0.action = "sts:TagSession" }, pinnedUnsat: true, "an action the question does not ask about")
        refused({ $0.resource = "arn:aws:iam::444455556666:role/Other" }, pinnedUnsat: true, "another role")
        refused({ $0.resourceAccount = ourAccount }, pinnedUnsat: false, "another resource account")

        // Service Authorization Reference, Amazon S3: s3:GetObject applies to objects, not to a
        // bucket; an object's key is at least one character (S3 User Guide, "Naming Amazon S3
        // objects"), so the bucket's ARN followed by "/" names no object.
        let read = try self.question(ReachTestCallers.aliceUser,
                                     identity: #"{"Effect": "Allow", "Action": "s3:*", "Resource": ["\#(bucket)", "\#(bucket)/*"]}"#,
                                     resource: #"{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "\#(bucket)"}"#,
                                     type: .s3Bucket, arn: bucket, account: ourAccount, actions: ["s3:GetObject"])
        let readPolicies = PrincipalReach.settledPolicies(read)
        let readApplicability = try XCTUnwrap(ActionApplicability(resourceType: .s3Bucket, scopes: ResourceType.s3Bucket.requestResources(for: bucket),
                                                                  actionPatterns: ActionClasses.actionValues(of: [readPolicies]), catalog: .shipped))
        var object = Request(principal: ReachTestCallers.aliceUser.principal, action: "s3:GetObject", resource: bucket + "/key",
                             resourceAccount: ourAccount, context: AlwaysPresentKeys.example)
        XCTAssertEqual(ReachAdmission.problems(object, question: read, policies: readPolicies, applicability: readApplicability), [])
        guard case .reachable? = PrincipalReach.pinnedAnswer(read, request: object, catalog: .shipped) else {
            return XCTFail("alice may read an object of the bucket")
        }
        for (resource, what) in [(bucket, "the bucket for an object action"), (bucket + "/", "the bucket's bare prefix"),
                                 ("arn:aws:s3:::other-bucket/key", "another bucket's object")] {
            object.resource = resource
            XCTAssertFalse(ReachAdmission.problems(object, question: read, policies: readPolicies, applicability: readApplicability).isEmpty,
                           "admitted: \(what)")
            guard case .unreachable? = PrincipalReach.pinnedAnswer(read, request: object, catalog: .shipped) else {
                return XCTFail("the pinned question is not UNSAT for \(what)")
            }
        }
        // S3 User Guide, "Blocking public access", RestrictPublicBuckets: only the owner's
        // account and services get through.
        var restricted = read
        restricted.restrictPublicBucketsOwners = [otherAccount]
        object.resource = bucket + "/key"
        XCTAssertFalse(ReachAdmission.problems(object, question: restricted, policies: readPolicies, applicability: readApplicability).isEmpty)
        guard case .unreachable? = PrincipalReach.pinnedAnswer(restricted, request: object, catalog: .shipped) else {
            return XCTFail("the pinned question is not UNSAT under RestrictPublicBuckets")
        }
    }
}
