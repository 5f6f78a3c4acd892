import Analysis
import Authorizer
import Encoding
@testable import Findings
import Policy
import RampartTestSupport
import XCTest

/// Last hops on targets that share a policy template asked once (`TemplateTargets`): which
/// targets share, which callers' questions may be renamed, and — question by question — the same
/// answers with and without the sharing.
final class TemplateTargetsTests: XCTestCase {
    private let account = "111122223333"

    private func policy(_ text: String, type: PolicyType) throws -> Policy {
        try XCTUnwrap(PolicyParser.parse(text: text, source: "test", type: type).policy)
    }

    /// Everyone whose `aws:PrincipalAccount` is 111122223333 may get the bucket's objects.
    private func sharedBucket(_ name: String, account: String = "111122223333") throws -> AnalyzedResource {
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\#(name)/*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "\#(account)"}}}]}"#
        return AnalyzedResource(arn: "arn:aws:s3:::\(name)", type: .s3Bucket, account: account, policy: try policy(text, type: .resource))
    }

    /// Any session of role `name` of 111122223333 with `identity` as its one identity policy.
    private func session(_ name: String, identity: String) throws -> (PrincipalPin, [Policy]) {
        var principal = Principal.assumedRole(roleArn: "arn:aws:iam::111122223333:role/\(name)", sessionName: "session")
        principal.userID = "AROA" + name.uppercased().padding(toLength: 17, withPad: "X", startingAt: 0)
        return (PrincipalPin(principal, anySessionName: true), [try policy(identity, type: .identity)])
    }

    private func question(_ caller: (PrincipalPin, [Policy]), _ resource: AnalyzedResource) -> ReachQuestion {
        var policies = resource.policies
        policies.identityPolicies = caller.1
        var question = ReachQuestion(caller: caller.0, policies: policies, resourceType: resource.type, resourceARN: resource.arn,
                                     resourceAccount: resource.account)
        question.restrictPublicBucketsOwners = resource.restrictPublicBucketsOwners
        return question
    }

    /// The hop's answer through its template (`LastHopAnswers`' path), or nil when it has none.
    private func throughTemplate(_ question: ReachQuestion, target: Int, _ templates: TemplateTargets) -> ReachAnswer? {
        guard let canonical = templates.canonicalQuestion(question, target: target) else { return nil }
        return templates.answerBack(PrincipalReach.ask(canonical, timeoutMilliseconds: 60_000), for: question, target: target)
    }

    /// By the canonical-form rules (`CanonicalResource.nameTokens`): `app-1234-000001` and
    /// `app-1234-000002` are names of one length with one template, so one group; the same name
    /// length in another account is another group (the account is not renamed); `r-abcd1234xyz`
    /// has the form of a root id (`r-` and lowercase letters and digits, AWS Organizations API
    /// Reference, `Root.Id`) and is not renamed, while `r-1234-000005` (a `-` past `r-`) is; without
    /// sharing every target is its own.
    func testWhichTargetsShareATemplate() throws {
        let targets = [try sharedBucket("app-1234-000001"), try sharedBucket("app-1234-000002"),
                       try sharedBucket("app-1234-000003", account: "444455556666"), try sharedBucket("r-abcd1234xyz"), try sharedBucket("r-1234-000005")]
        let templates = TemplateTargets(resources: targets, sharing: true)
        XCTAssertEqual(templates.groups[0], templates.groups[1])
        XCTAssertNotEqual(templates.groups[0], templates.groups[2])
        XCTAssertNil(templates.swaps[3])
        XCTAssertNotNil(templates.swaps[4])
        XCTAssertEqual(Set(TemplateTargets(resources: targets, sharing: false).groups).count, 5)
    }

    /// A caller whose identity policy reads the names (`arn:aws:s3:::app-1234-*/*`: the canonical
    /// name would not match it) or names a bucket is asked as it is; one whose policy names no
    /// bucket (`sqs:*`) is renamed. Same account, so the bucket policy alone lets every session of
    /// the account in (IAM User Guide, "Policy evaluation logic"): reachable, with a witness on
    /// the bucket's own objects, as asked directly.
    func testWhichCallersAreRenamedAndTheirAnswers() throws {
        let targets = [try sharedBucket("app-1234-000001"), try sharedBucket("app-1234-000002")]
        let templates = TemplateTargets(resources: targets, sharing: true)
        let readsNames = try session("Reader", identity: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-1234-*/*"}]}"#)
        let namesOne = try session("Named", identity: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::app-1234-000002/*"}]}"#)
        let queues = try session("Queues", identity: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}"#)
        XCTAssertNil(templates.canonicalQuestion(question(readsNames, targets[0]), target: 0))
        XCTAssertNil(templates.canonicalQuestion(question(namesOne, targets[1]), target: 1))
        for (target, bucket) in targets.enumerated() {
            let canonical = try XCTUnwrap(templates.canonicalQuestion(question(queues, bucket), target: target))
            XCTAssertEqual(canonical.resourceARN, "arn:aws:s3:::zq9999999999999", "the first target's canonical form, for both")
            guard case .reachable(let witness)? = throughTemplate(question(queues, bucket), target: target, templates) else {
                return XCTFail("\(bucket.arn): not reachable through the template")
            }
            XCTAssertTrue(witness.resource.hasPrefix(bucket.arn + "/"), witness.resource)
            XCTAssertEqual(Authorizer.evaluate(witness, policies: question(queues, bucket).policies).outcome, .allow)
        }
    }

    /// Corpus resource policies (buckets, queues, topics, keys), each on two resources of one
    /// account with names of one length, asked by callers with no identity policy, with one
    /// allowing every action, and with one allowing only `sqs:*`: each answer through the
    /// template is the answer asked directly (reachable or unreachable alike; an UNPROVEN one is
    /// never carried over), and each carried witness replays. CI checks a sample
    /// (`RAMPART_CANONICAL_CHECKS`, default 8); `all` checks every policy.
    func testAnswersThroughTemplatesAreTheDirectAnswersOnTheCorpus() throws {
        let kinds: [String: ResourceType] = ["bucket-policy": .s3Bucket, "queue-policy": .sqsQueue, "topic-policy": .snsTopic, "key-policy": .kmsKey]
        var documents: [(type: ResourceType, policy: Policy)] = []
        for document in try Corpus.load("policy-examples/policy-examples.jsonl") {
            guard let type = kinds[document.kind], let text = String(bytes: document.bytes, encoding: .utf8) else { continue }
            let parsed = PolicyParser.parse(text: text, source: document.label, type: type.policyType)
            guard let policy = parsed.policy, !parsed.diagnostics.contains(where: { $0.severity == .error }) else { continue }
            documents.append((type, policy))
        }
        let limit = ProcessInfo.processInfo.environment["RAMPART_CANONICAL_CHECKS"].flatMap { $0 == "all" ? Int.max : Int($0) } ?? 8
        let step = max(1, documents.count / min(limit, max(1, documents.count)))
        let sample = Swift.stride(from: 0, to: documents.count, by: step).map { documents[$0] }.prefix(limit)
        let callers = [try session("NoPolicy", identity: #"{"Version": "2012-10-17", "Statement": []}"#),
                       try session("Everything", identity: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#),
                       try session("Queues", identity: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}"#)]
        var compared = 0, carried = 0
        for document in sample {
            let arns: [String]
            switch document.type {
            case .s3Bucket: arns = ["arn:aws:s3:::data-2024-001a", "arn:aws:s3:::data-2024-002b"]
            case .sqsQueue: arns = ["arn:aws:sqs:us-east-1:\(account):jobs-2024-001a", "arn:aws:sqs:us-east-1:\(account):jobs-2024-002b"]
            case .snsTopic: arns = ["arn:aws:sns:us-east-1:\(account):news-2024-001a", "arn:aws:sns:us-east-1:\(account):news-2024-002b"]
            default: arns = ["arn:aws:kms:us-east-1:\(account):key/1234abcd-12ab-34cd-56ef-1234567890ab",
                             "arn:aws:kms:us-east-1:\(account):key/5678abcd-12ab-34cd-56ef-1234567890ab"]
            }
            let targets = arns.map { AnalyzedResource(arn: $0, type: document.type, account: account, policy: document.policy) }
            let templates = TemplateTargets(resources: targets, sharing: true)
            for (target, resource) in targets.enumerated() {
                for caller in callers {
                    let asked = question(caller, resource)
                    guard let through = throughTemplate(asked, target: target, templates) else { continue }
                    carried += 1
                    let direct = PrincipalReach.ask(asked, timeoutMilliseconds: 60_000)
                    switch (through, direct) {
                    case (.unreachable, .unreachable): compared += 1
                    case (.reachable(let witness), .reachable):
                        compared += 1
                        XCTAssertTrue(TemplateTargets.replays(witness, asked))
                    case (_, .unproven): continue
                    default: XCTFail("\(resource.arn) by \(caller.0.principal.roleArn ?? ""): \(through) through the template, \(direct) directly")
                    }
                }
            }
        }
        print("templates on \(sample.count) of \(documents.count) corpus policies: \(carried) answers carried over, \(compared) compared")
        XCTAssertGreaterThan(compared, 0)
    }
}
