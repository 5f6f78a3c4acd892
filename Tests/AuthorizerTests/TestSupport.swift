import XCTest
@testable import Authorizer
import Policy

/// Parses a policy document and fails the test if it has ERROR diagnostics.
func parsePolicy(_ text: String, type: PolicyType, source: String = "test.json",
                 file: StaticString = #filePath, line: UInt = #line) -> Policy {
    let result = PolicyParser.parse(text: text, source: source, type: type)
    let errors = result.diagnostics.filter { $0.severity == .error }
    XCTAssertTrue(errors.isEmpty, "policy has errors: \(errors.map(\.message))", file: file, line: line)
    return result.policy ?? Policy(source: source, type: type, statements: [])
}

/// One condition built directly (bypassing the validator, so edge cases can be tested).
func makeCondition(_ operatorName: String, _ key: String, _ values: [String],
                   file: StaticString = #filePath, line: UInt = #line) -> Condition {
    guard let op = ConditionOperator(parsing: operatorName) else {
        XCTFail("unknown operator \(operatorName)", file: file, line: line)
        return Condition(operator: ConditionOperator(.null), key: Located(key, at: .document), values: [], location: .document)
    }
    return Condition(operator: op, key: Located(key, at: .document),
                     values: values.map { ConditionValue($0, at: .document) }, location: .document)
}

/// A context with one key: a string for one value, a multivalued key for a list, absent for nil.
func context(_ key: String, _ values: [String]?, multivalued: Bool = false) -> RequestContext {
    var context = RequestContext()
    if let values {
        if values.count == 1 && !multivalued {
            context[key] = .string(values[0])
        } else {
            context.set(key, values: values.map(ContextValue.string))
        }
    }
    return context
}

/// A table row for condition tests: operator, policy values, request values (nil = key absent), expectation.
struct ConditionCase {
    var op: String
    var policy: [String]
    var request: [String]?
    var expected: Bool
    var note: String = ""
    var line: UInt = #line
}

func check(_ cases: [ConditionCase], key: String = "test:Key", substitute: Bool = true,
           extra: RequestContext = RequestContext(), file: StaticString = #filePath) {
    for row in cases {
        let condition = makeCondition(row.op, key, row.policy, file: file, line: row.line)
        let ctx = extra.merging(context(key, row.request, multivalued: (row.request?.count ?? 0) != 1))
        let result = ConditionEvaluator.evaluate(condition, context: ctx, substituteVariables: substitute)
        XCTAssertEqual(result, row.expected,
                       "\(row.op) \(row.policy) vs \(row.request.map { "\($0)" } ?? "absent") \(row.note)",
                       file: file, line: row.line)
    }
}

let bucketARN = "arn:aws:s3:::amzn-s3-demo-bucket"
let objectARN = "arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg"
