import Authorizer
import Encoding
import Policy
import XCTest

/// `ActionClasses` and `ResourceClasses` on hand-worked patterns: which classes exist, what
/// stands for each, and when the string encoding must be kept. (The differential and replay
/// suites check the encoding with classes against the Authorizer on generated policies.)
final class PatternClassesTests: XCTestCase {
    private func policy(_ text: String) throws -> Policy {
        let result = PolicyParser.parse(text: text, source: "p.json", type: .resource)
        XCTAssertFalse(result.diagnostics.containsError, "\(result.diagnostics)")
        return try XCTUnwrap(result.policy)
    }

    /// IAM User Guide, "IAM JSON policy elements: Action": actions match case-insensitively, `*`
    /// any run. Over `s3:*` and `s3:Get*` a string is in none (`""`), in `s3:*` alone
    /// (`s3:PutObject`) or in both (`s3:GetObject`); no string is in `s3:get*` alone.
    func testActionClassesAndTheirRepresentatives() throws {
        let classes = try XCTUnwrap(ActionClasses(patterns: ["s3:*", "S3:Get*"], preferring: ["s3:PutObject", "s3:GetObject"]))
        XCTAssertEqual(classes.patterns, ["s3:*", "s3:get*"])
        XCTAssertEqual(classes.vectors, [[false, false], [true, false], [true, true]])
        XCTAssertEqual(classes.representatives, ["", "s3:putobject", "s3:getobject"])
        XCTAssertEqual(classes.classIndex(of: "S3:GETOBJECTACL"), 2)
        XCTAssertEqual(classes.classIndex(of: "kms:Decrypt"), 0)
    }

    /// S3 User Guide, "Policy resources": a bucket policy's statements name the bucket ARN or
    /// object ARNs `bucket/key`. Within a bucket's scope (the bucket, its objects) the patterns
    /// `logs/*` and `logs/private/*` split it into three classes; `other/*` and an IoT thing's
    /// ARN share no string with the scope and are false on every request asked about.
    func testResourceClassesWithinTheScope() throws {
        let set = PolicySet(resourcePolicy: try policy(#"""
            {"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::other/*"]},
             {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/private/*", "arn:aws:iot:*:*:thing/x"]}]}
            """#))
        let bucket = ResourceClasses.scopePattern(prefix: "arn:aws:s3:::logs", anySuffix: false)
        let objects = ResourceClasses.scopePattern(prefix: "arn:aws:s3:::logs/", anySuffix: true)
        let classes = try XCTUnwrap(ResourceClasses(policies: set, scopes: [bucket, objects],
                                                    preferring: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/x"]))
        XCTAssertEqual(Set(classes.keys), [GlobPattern("arn:aws:s3:::logs/*").tokens, GlobPattern("arn:aws:s3:::logs/private/*").tokens,
                                           bucket, objects])
        XCTAssertEqual(classes.outsideScope, [GlobPattern("arn:aws:s3:::other/*").tokens, GlobPattern("arn:aws:iot:*:*:thing/x").tokens])
        XCTAssertEqual(classes.vectors.count, 3)
        let theBucket = try XCTUnwrap(classes.classIndex(of: "arn:aws:s3:::logs"))
        let anObject = try XCTUnwrap(classes.classIndex(of: "arn:aws:s3:::logs/2026/a.gz"))
        let aPrivateObject = try XCTUnwrap(classes.classIndex(of: "arn:aws:s3:::logs/private/a"))
        XCTAssertEqual(Set([theBucket, anObject, aPrivateObject]).count, 3)
        XCTAssertEqual(classes.representatives[theBucket], "arn:aws:s3:::logs")
        XCTAssertEqual(classes.representatives[anObject], "arn:aws:s3:::logs/x")
        XCTAssertEqual(classes.representatives[aPrivateObject], "arn:aws:s3:::logs/private/")  // a shortest such string
        XCTAssertNil(classes.classIndex(of: "arn:aws:s3:::other/k"), "outside the scope: no class")
    }

    /// IAM User Guide, "IAM policy elements: Variables and tags": `${aws:username}` is replaced by
    /// the caller's name, another string of the request, so such a policy keeps the string
    /// encoding; `${*}` is a literal `*`, and a 2008-10-17 policy takes `${…}` as written.
    func testVariablesKeepTheStringEncoding() throws {
        let scopes = [[GlobToken.anyRun]]
        let withVariable = PolicySet(resourcePolicy: try policy(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}
            """#))
        XCTAssertNil(ResourceClasses(policies: withVariable, scopes: scopes))
        XCTAssertEqual(ResourceClasses.tokens(of: "a${*}b*", substitute: true), [.literal("a"), .literal("*"), .literal("b"), .anyRun])
        XCTAssertEqual(ResourceClasses.tokens(of: "a/${aws:username}", substitute: false), GlobPattern("a/${aws:username}").tokens)
        XCTAssertNil(ResourceClasses.tokens(of: "a/${aws:username}", substitute: true))
    }
}
