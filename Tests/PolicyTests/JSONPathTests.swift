import Policy
import XCTest

/// `JSONPath` keeps a path as its last step and the path it was appended to: paths built step
/// by step must be the paths of the same steps, compare and hash by their steps alone, and
/// paths appended to one parent must not see each other's steps.
final class JSONPathTests: XCTestCase {
    func testAppendedPathsAreThePathsOfTheirSteps() {
        let appended = JSONPath.root.appending("Statement").appending(0).appending("Condition").appending("odd key")
        let built = JSONPath([.key("Statement"), .index(0), .key("Condition"), .key("odd key")])
        XCTAssertEqual(appended, built)
        XCTAssertEqual(appended.hashValue, built.hashValue)
        XCTAssertEqual(appended.components, [.key("Statement"), .index(0), .key("Condition"), .key("odd key")])
        XCTAssertEqual(appended.description, "$.Statement[0].Condition['odd key']")
        XCTAssertEqual(Set([appended, built]).count, 1)
        XCTAssertEqual(JSONPath.root.description, "$")
        XCTAssertEqual(JSONPath.root.components, [])
        XCTAssertEqual(JSONPath([]), JSONPath.root)
    }

    func testPathsWithOtherStepsDiffer() {
        let path = JSONPath.root.appending("a").appending("b")
        XCTAssertNotEqual(path, JSONPath.root.appending("a"), "a prefix")
        XCTAssertNotEqual(JSONPath.root.appending("a"), path, "a longer path")
        XCTAssertNotEqual(path, JSONPath.root.appending("b").appending("b"), "another first step")
        XCTAssertNotEqual(JSONPath.root.appending("0"), JSONPath.root.appending(0), "a key is not an index")
        XCTAssertNotEqual(path, JSONPath.root)
    }

    func testSiblingsShareTheirParentButNotTheirSteps() {
        let statements = JSONPath.root.appending("Statement")
        let first = statements.appending(0)
        let second = statements.appending(1)
        XCTAssertEqual(first.components, [.key("Statement"), .index(0)])
        XCTAssertEqual(second.components, [.key("Statement"), .index(1)])
        XCTAssertEqual(statements.components, [.key("Statement")])
        XCTAssertNotEqual(first, second)
    }

    func testParsedPolicyElementsKeepTheirPaths() throws {
        let parsed = PolicyParser.parse(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},"#
                                            + #" {"Effect": "Deny", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]}"#,
                                        source: "test", type: .identity)
        let policy = try XCTUnwrap(parsed.policy)
        XCTAssertEqual(policy.statements[1].actions?.patterns[1].location.path.description, "$.Statement[1].Action[1]")
        XCTAssertEqual(policy.statements[0].actions?.patterns[0].location.path.description, "$.Statement[0].Action")
    }
}
