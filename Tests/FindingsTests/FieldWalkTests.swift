@testable import Analysis
import Authorizer
import Environment
@testable import Findings
import Foundation
import Policy
import XCTest

/// The one walk of the models' fields (`FieldWalkable`) from which the scanner's renaming,
/// fingerprints and cache keys are derived (issue 16, "Canonical forms from one walk"):
/// every stored property of every walked type is walked (compared with a `Mirror` of the
/// value, so a field added to a model and not to its walk fails here), and two resources that
/// differ in any one field never share a cache key.
final class FieldWalkTests: XCTestCase {
    // MARK: Every stored property is walked

    /// The field names a walk visits at its own level (not inside nested values).
    private struct TopLevelFields: FieldVisitor {
        var names: Set<String> = []
        var depth = 0
        mutating func visitValue(_ value: inout String, field: StaticString) { record(field) }
        mutating func visitWord(_ word: String, field: StaticString) { record(field) }
        mutating func visitUnread(field: StaticString) { record(field) }
        mutating func enter(_ field: StaticString) { record(field); depth += 1 }
        mutating func leave() { depth -= 1 }
        private mutating func record(_ field: StaticString) { if depth == 0 { names.insert(field.description) } }
    }

    /// The field names visited directly inside the nested value entered as `parent`.
    private struct FieldsInside: FieldVisitor {
        let parent: String
        var names: Set<String> = []
        var path: [String] = []
        mutating func visitValue(_ value: inout String, field: StaticString) { record(field) }
        mutating func visitWord(_ word: String, field: StaticString) { record(field) }
        mutating func visitUnread(field: StaticString) { record(field) }
        mutating func enter(_ field: StaticString) { record(field); path.append(field.description) }
        mutating func leave() { path.removeLast() }
        private mutating func record(_ field: StaticString) { if path.last == parent { names.insert(field.description) } }
    }

    private func storedProperties(of value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    private func assertWalksEveryStoredProperty<Value: FieldWalkable>(_ value: Value, file: StaticString = #filePath, line: UInt = #line) {
        var fields = TopLevelFields()
        var copy = value
        copy.walkFields(&fields)
        XCTAssertEqual(fields.names, storedProperties(of: value),
                       "\(Value.self): its walk (walkFields) and its stored properties differ", file: file, line: line)
    }

    func testEveryWalkVisitsEveryStoredProperty() throws {
        let resource = fullResource()
        assertWalksEveryStoredProperty(resource)
        let policy = try XCTUnwrap(resource.policy)
        assertWalksEveryStoredProperty(policy)
        let statement = policy.statements[0]
        assertWalksEveryStoredProperty(statement)
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.principal))
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.principal?.entries.first))
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.resources))
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.conditions.first))
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.conditions.first?.values.first))
        assertWalksEveryStoredProperty(try XCTUnwrap(statement.sid))
        assertWalksEveryStoredProperty(try XCTUnwrap(resource.ownerOrganization))
        assertWalksEveryStoredProperty(try XCTUnwrap(resource.aclGrants.first))
        assertWalksEveryStoredProperty(try XCTUnwrap(resource.kmsGrants.first))
        assertWalksEveryStoredProperty(ZoneOfTrust.organization("o-a1b2c3d4e5", accounts: ["200000000001"]))
        // The actions of a statement are walked as words, through the same element walk.
        var actions = FieldsInside(parent: "actions")
        var statementCopy = statement
        statementCopy.walkFields(&actions)
        XCTAssertEqual(actions.names, storedProperties(of: try XCTUnwrap(statement.actions)))
        // Block Public Access settings are walked inline, flag by flag.
        var settings = FieldsInside(parent: "blockPublicAccess")
        var resourceCopy = resource
        resourceCopy.walkFields(&settings)
        XCTAssertEqual(settings.names, storedProperties(of: try XCTUnwrap(resource.blockPublicAccess)))

        let request = fullRequest()
        assertWalksEveryStoredProperty(request)
        assertWalksEveryStoredProperty(request.principal)
        assertWalksEveryStoredProperty(request.context)
        assertWalksEveryStoredProperty(try XCTUnwrap(request.context.entries.first))
        assertWalksEveryStoredProperty(try XCTUnwrap(request.context.entries.first?.values.first))
        let result = fullResult(witness: request)
        assertWalksEveryStoredProperty(result)
        assertWalksEveryStoredProperty(result.findings[0])
        assertWalksEveryStoredProperty(result.findings[0].statements[0])
    }

    // MARK: Two resources that differ in one field never share a key

    /// One change per stored property of `AnalyzedResource`, keyed by the property's name.
    private let resourceVariants: [String: (inout AnalyzedResource) -> Void] = [
        "arn": { $0.arn = "arn:aws:s3:::logs-4243" },
        "type": { $0.type = .sqsQueue },
        "account": { $0.account = "200000000002" },
        "policy": { $0.policy = nil },
        "blockPublicAccess": { $0.blockPublicAccess?.restrictPublicBuckets = false },
        "aclGrants": { $0.aclGrants[0].permission = "WRITE" },
        "ownerCanonicalID": { $0.ownerCanonicalID = "owner-other" },
        "aclsDisabled": { $0.aclsDisabled = true },
        "kmsGrants": { $0.kmsGrants[0].operations = ["Encrypt"] },
        "sharedWith": { $0.sharedWith.append("444455556666") },
        "resourceControlPolicies": { $0.resourceControlPolicies = nil },
        "ownerOrganization": { $0.ownerOrganization?.paths = ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/"] },
        "accessPoint": { $0.accessPoint = S3AccessPoint(name: "ap-4242", arn: "arn:aws:s3:us-east-1:200000000001:accesspoint/ap-4242",
                                                        account: "200000000001", bucket: "logs-4242") },
        "accessPointAccountsKnown": { $0.accessPointAccountsKnown.append("200000000003") },
    ]

    /// One change per stored property of `Statement` (its unread location aside).
    private let statementVariants: [String: (inout Statement) -> Void] = [
        "index": { $0.index += 1 },
        "sid": { $0.sid?.value = "Other" },
        "effect": { $0.effect = .deny },
        "principal": { $0.principal?.isNegated.toggle() },
        "actions": { $0.actions?.patterns[0].value = "s3:PutObject" },
        "resources": { $0.resources?.isNegated.toggle() },
        "conditions": { $0.conditions[0].key.value = "aws:SourceArn" },
    ]

    func testResourcesDifferingInAnyOneFieldNeverShareAKey() throws {
        let base = fullResource()
        let zone = ZoneOfTrust.account("200000000001")
        XCTAssertEqual(Set(resourceVariants.keys), storedProperties(of: base),
                       "every stored property of AnalyzedResource needs a variant here")
        for (field, change) in resourceVariants {
            var variant = base
            change(&variant)
            XCTAssertNotEqual(AnalysisKey(variant, zone: zone), AnalysisKey(base, zone: zone), field)
            XCTAssertNotEqual(variant, base, field)
        }
        // Inside the policy: every statement field the semantics reads; the location is not part of it.
        let statement = try XCTUnwrap(base.policy?.statements[0])
        XCTAssertEqual(Set(statementVariants.keys).union(["location"]), storedProperties(of: statement))
        for (field, change) in statementVariants {
            var variant = base
            change(&variant.policy!.statements[0])
            XCTAssertNotEqual(AnalysisKey(variant, zone: zone), AnalysisKey(base, zone: zone), "statement \(field)")
        }
        // Every value anywhere in the resource, one at a time (the walk's own enumeration).
        var count = CountValues()
        var copy = base
        copy.walkFields(&count)
        XCTAssertGreaterThan(count.values, 10)
        for position in 0..<count.values {
            var change = ChangeOneValue(target: position)
            var variant = base
            variant.walkFields(&change)
            XCTAssertNotEqual(AnalysisKey(variant, zone: zone), AnalysisKey(base, zone: zone), "value \(position) (\(change.field))")
        }
        // The zone is part of the key too.
        XCTAssertNotEqual(AnalysisKey(base, zone: zone), AnalysisKey(base, zone: .account("200000000002")))
    }

    func testWhereAPolicyWasReadFromIsNotPartOfTheKey() throws {
        let base = fullResource()
        var moved = base
        moved.policy?.source = "another-file.json"
        moved.policy?.statements[0].location = SourceLocation(path: JSONPath(), position: nil)
        XCTAssertEqual(AnalysisKey(moved, zone: .account("200000000001")), AnalysisKey(base, zone: .account("200000000001")))
        XCTAssertEqual(moved, base)
        XCTAssertEqual(moved.hashValue, base.hashValue)
        // An RCP is named by its source in explanations (`Explanation`): there it is part of the answer.
        var renamedRCP = base
        renamedRCP.resourceControlPolicies?[0][0].source = "organization/policies/other.json"
        XCTAssertNotEqual(AnalysisKey(renamedRCP, zone: .account("200000000001")), AnalysisKey(base, zone: .account("200000000001")))
    }

    private struct CountValues: FieldVisitor {
        var values = 0
        mutating func visitValue(_ value: inout String, field: StaticString) { values += 1 }
        mutating func visitWord(_ word: String, field: StaticString) {}
    }

    private struct ChangeOneValue: FieldVisitor {
        static var rewritesValues: Bool { true }
        let target: Int
        var seen = 0
        var field = ""
        mutating func visitValue(_ value: inout String, field: StaticString) {
            if seen == target { value += "x"; self.field = field.description }
            seen += 1
        }
        mutating func visitWord(_ word: String, field: StaticString) {}
    }

    // MARK: Renaming reaches every value

    func testRenamingAnAnswerLeavesNoTokenOfTheCanonicalForm() {
        let swap = TokenSwap(pairs: [("200000000001", CanonicalResource.canonicalAccount), ("logs-4242", "zq9999999")])
        let result = fullResult(witness: fullRequest())
        let renamed = result.renamed(by: swap)
        // Every field of the answer, printed: no trace of the swapped tokens' first sides...
        let text = String(describing: renamed)
        XCTAssertFalse(text.contains("200000000001"), text)
        XCTAssertFalse(text.contains("logs-4242"), text)
        // ...and back again: σ is its own inverse.
        XCTAssertEqual(String(describing: renamed.renamed(by: swap)), String(describing: result))
        // Names stay: actions and context keys are words.
        XCTAssertEqual(renamed.findings[0].actions, ["s3:GetObject"])
        XCTAssertNotNil(renamed.findings[0].witness.context["aws:SourceAccount"])
    }

    // MARK: Values with every field set

    private func fullResource() -> AnalyzedResource {
        let text = #"""
            {"Version": "2012-10-17", "Id": "logs-4242-policy", "Statement": [
             {"Sid": "Logs", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::logs-4242/*", "Condition": {"StringEquals": {"aws:SourceAccount": "200000000001"}}}]}
            """#
        let policy = PolicyParser.parse(text: text, source: "logs-4242.json", type: .resource).policy
        let rcpText = #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
            """#
        let rcp = PolicyParser.parse(text: rcpText, source: "organization/policies/p-full.json", type: .rcp).policy
        XCTAssertNotNil(policy)
        XCTAssertNotNil(rcp)
        return AnalyzedResource(arn: "arn:aws:s3:::logs-4242", type: .s3Bucket, account: "200000000001", policy: policy,
                                blockPublicAccess: BlockPublicAccess(blockPublicAcls: true, restrictPublicBuckets: true),
                                aclGrants: [ACLGrant(grantee: .canonicalUser("owner-4242"), permission: "READ")],
                                ownerCanonicalID: "owner-4242", aclsDisabled: false,
                                kmsGrants: [KMSGrant(grantID: "g-4242", granteePrincipals: ["arn:aws:iam::444455556666:role/reader-4242"],
                                                     retiringPrincipals: ["arn:aws:iam::444455556666:root"], operations: ["Decrypt"],
                                                     encryptionContextSubset: ["Department": "logs-4242"],
                                                     encryptionContextEquals: ["Team": "a"], issuingAccount: "200000000001")],
                                sharedWith: ["333344445555"],
                                resourceControlPolicies: rcp.map { [[$0]] },
                                ownerOrganization: OwnerOrganization(id: "o-a1b2c3d4e5", paths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]))
    }

    private func fullRequest() -> Request {
        var principal = Principal.role(arn: "arn:aws:iam::444455556666:role/reader-4242")
        principal.userID = "AROAEXAMPLE:logs-4242"
        principal.orgID = "o-zzzzzzzzzz"
        principal.orgPaths = ["o-zzzzzzzzzz/r-zz99/"]
        principal.tags = ["team": "logs-4242"]
        var context = RequestContext()
        context["aws:SourceAccount"] = .string("200000000001")
        context.set("aws:TagKeys", values: [.string("logs-4242")])
        return Request(principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::logs-4242/k", resourceAccount: "200000000001",
                       resourceOrgID: "o-a1b2c3d4e5", resourceOrgPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"], context: context)
    }

    private func fullResult(witness: Request) -> ExternalAccessResult {
        var finding = ExternalAccessFinding(principal: "444455556666", principalKind: .account, actions: ["s3:GetObject"],
                                            conditions: ["StringEquals aws:SourceAccount: 200000000001"], isPublic: false,
                                            witness: witness, statements: [StatementReference(policy: "logs-4242.json", index: 0, sid: "logs-4242")],
                                            source: .policy)
        finding.serviceLinkedRoleActions = ["s3:GetObject"]
        var result = ExternalAccessResult(status: .externalAccess, findings: [finding],
                                          explanation: ["arn:aws:s3:::logs-4242 is reachable"], complete: true, solverCalls: 1)
        result.warnings = ["no statement names arn:aws:s3:::logs-4242"]
        return result
    }
}
