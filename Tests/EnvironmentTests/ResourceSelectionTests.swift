@testable import Environment
import Foundation
import RampartTestSupport
import XCTest

/// `SnapshotLoader.load(folder:resources: .only(ARN))` (`rampart who-can`): the resource asked
/// about is read exactly as a whole load reads it, with the identity side and the organization;
/// every other resource's files are skipped — but a file whose output carries its ARN
/// (`QueueArn`, `TopicArn`, …) is skipped only when its bytes cannot spell the ARN asked about.
final class ResourceSelectionTests: XCTestCase {
    /// Every field of a resource, dictionaries in key order, to compare two loads.
    private func described(_ resource: SnapshotResource) -> String {
        [resource.type, resource.arn, resource.account, String(describing: resource.region), String(describing: resource.policy),
         "\(resource.policyHasErrors)", String(describing: resource.policyDocument),
         resource.statementLines.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","),
         String(describing: resource.documentText), String(describing: resource.publicAccessBlock), String(describing: resource.acl),
         String(describing: resource.objectOwnership), String(describing: resource.grants), resource.sharedWith.joined(separator: ","),
         resource.files.joined(separator: ","), String(describing: resource.alternativePolicies), resource.unknownParts.joined(separator: ";")]
            .joined(separator: "\n")
    }

    /// Over every example snapshot, each resource asked about alone: the same resource (every
    /// description of its ARN), the same roles, and no other resource but from files that could
    /// spell its ARN.
    func testEachResourceOfTheModelsIsReadAsAWholeLoadReadsIt() throws {
        var asked = 0, others = 0, skipped = 0
        for model in ["startup", "organization", "edge-cases", "role-chains"] {
            let whole = try SnapshotLoader.load(folder: Models.path(model))
            let roles = whole.resources.filter { $0.type == "AWS::IAM::Role" }.map(described)
            for arn in Set(whole.resources.filter { $0.type != "AWS::IAM::Role" }.map(\.arn)).sorted() {
                let selected = try SnapshotLoader.load(folder: Models.path(model), resources: .only(arn))
                XCTAssertEqual(selected.resources.filter { $0.arn == arn }.map(described), whole.resources.filter { $0.arn == arn }.map(described),
                               "\(model): \(arn)")
                XCTAssertEqual(selected.resources.filter { $0.type == "AWS::IAM::Role" }.map(described), roles, "\(model): \(arn)")
                // Another resource is read only from files that could spell the ARN asked about
                // (a queue `orders-dlq` beside `orders`: its output holds "…:orders" as it is).
                for other in selected.resources where other.arn != arn && other.type != "AWS::IAM::Role" {
                    XCTAssertTrue(other.files.allSatisfy { file in
                        (try? Data(contentsOf: URL(fileURLWithPath: Models.path(model) + "/" + file))).map { ResourceSelection.only(arn).mayName(Array($0)) } ?? false
                    }, "\(model): \(arn) read \(other.arn)")
                    others += 1
                }
                skipped += whole.resources.count - selected.resources.count
                XCTAssertEqual(selected.organization?.accountIDs, whole.organization?.accountIDs)
                asked += 1
            }
        }
        XCTAssertGreaterThan(asked, 40, "the models must hold resources to ask about")
        XCTAssertGreaterThan(skipped, 10 * asked, "the other resources' files are skipped")
        XCTAssertLessThan(others, asked, "few files could spell another resource's ARN")
    }

    private let account = "111122223333"
    private let queue = "arn:aws:sqs:us-east-1:111122223333:orders"

    /// A snapshot with an IAM file and queue files (`sqs/us-east-1/NAME.get-queue-attributes.json`).
    private func snapshot(queues: [String: String]) throws -> String {
        let folder = try ProgramRunner.temporaryDirectory()
        let iam = folder.appendingPathComponent("accounts/\(account)/iam")
        try FileManager.default.createDirectory(at: iam, withIntermediateDirectories: true)
        try Data(#"{"RoleDetailList": []}"#.utf8).write(to: iam.appendingPathComponent("get-account-authorization-details.json"))
        let sqs = folder.appendingPathComponent("accounts/\(account)/sqs/us-east-1")
        try FileManager.default.createDirectory(at: sqs, withIntermediateDirectories: true)
        for (name, text) in queues { try Data(text.utf8).write(to: sqs.appendingPathComponent("\(name).get-queue-attributes.json")) }
        return folder.path
    }

    private func attributes(arn: String) -> String {
        #"{"Attributes": {"QueueArn": "\#(arn)", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}"}}"#
    }

    // A queue's output carries its ARN, so a file under another name may describe the queue
    // asked about (a whole load merges the two, AMBIGUOUS_RESOURCE): it is read when its bytes
    // hold the ARN as it is or spelled with a `\u` escape; a file that holds neither is skipped.
    func testAFileThatCarriesItsARNIsReadWhenItMaySpellTheOneAskedAbout() throws {
        let folder = try snapshot(queues: [
            "orders": attributes(arn: queue),
            "copy": attributes(arn: queue),                                                   // another name, the same queue
            "escaped": attributes(arn: "arn:aws:sqs:us-east-1:111122223333:\\u006frders"),   // "orders", escaped
            "billing": attributes(arn: "arn:aws:sqs:us-east-1:111122223333:billing"),
        ])
        let whole = try SnapshotLoader.load(folder: folder)
        let selected = try SnapshotLoader.load(folder: folder, resources: .only(queue))
        XCTAssertEqual(whole.resources.filter { $0.arn == queue }.map { $0.files.count }, [3])
        XCTAssertEqual(selected.resources.filter { $0.arn == queue }.map(described), whole.resources.filter { $0.arn == queue }.map(described))
        XCTAssertEqual(selected.resources.map(\.arn), [queue], "billing's file is skipped")
        XCTAssertEqual(whole.resources.map(\.arn).sorted(), ["arn:aws:sqs:us-east-1:111122223333:billing", queue])
    }

    func testMayNameReadsTheBytesAsJSONCouldSpellTheARN() {
        let selection = ResourceSelection.only("arn:aws:s3:::logs/x")
        XCTAssertTrue(selection.mayName(Array(#"{"A": "arn:aws:s3:::logs/x"}"#.utf8)))
        XCTAssertFalse(selection.mayName(Array(#"{"A": "arn:aws:s3:::logs/y"}"#.utf8)))
        XCTAssertFalse(selection.mayName(Array(#"{"A": "arn:aws:s3:::logs\"x"}"#.utf8)), "an escaped quote spells no slash")
        XCTAssertTrue(selection.mayName(Array(#"{"A": "arn:aws:s3:::logs\/x"}"#.utf8)), "JSON may escape the slash")
        XCTAssertTrue(selection.mayName(Array(#"{"A": "\u0061rn:aws:s3:::logs/x"}"#.utf8)))
        XCTAssertTrue(ResourceSelection.only("arn:aws:s3:::caf\u{E9}").mayName(Array("{}".utf8)), "outside ASCII: always read")
        XCTAssertTrue(ResourceSelection.all.mayName([]))
        XCTAssertTrue(ResourceSelection.all.includes(arnFromName: "arn:aws:s3:::x"))
        XCTAssertFalse(selection.includes(arnFromName: "arn:aws:s3:::logs"))
    }
}
