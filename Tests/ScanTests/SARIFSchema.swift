import Foundation
import RampartTestSupport
import XCTest

/// Validation against the OASIS SARIF 2.1.0 JSON schema (`Tests/Fixtures/sarif/`, with its
/// licence in NOTICE.md) by Python's `jsonschema` (Draft 4, the schema's own draft), which
/// scripts/test.sh installs from scripts/python-tools.txt. Without it the tests that need it are
/// skipped, except under CI (`CI=true`, as `.ci/run` runs), where its absence is a failure.
enum SARIFSchema {
    static let schema = ProgramRunner.packageRoot.appendingPathComponent("Tests/Fixtures/sarif/sarif-schema-2.1.0.json")

    static let script = #"""
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        validator = jsonschema.Draft4Validator(schema)
        problems = []
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
                problems.append("%s: %s: %s" % (path, "/".join(str(p) for p in error.absolute_path), error.message))
        print("\n".join(problems))
        sys.exit(1 if problems else 0)
        """#

    /// Throws XCTSkip when `jsonschema` cannot be imported (outside CI).
    static func requireValidator() throws {
        let probe = try ProgramRunner.run("/usr/bin/env", ["python3", "-c", "import jsonschema"])
        guard probe.status != 0 else { return }
        let message = "Python's jsonschema is not installed (scripts/test.sh installs it from scripts/python-tools.txt)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }

    /// The schema's complaints about each file (empty: all valid).
    static func problems(_ files: [URL]) throws -> [String] {
        try requireValidator()
        let folder = try ProgramRunner.temporaryDirectory(prefix: "rampart-sarif-schema")
        let scriptFile = folder.appendingPathComponent("validate.py")
        try Data(script.utf8).write(to: scriptFile)
        let result = try ProgramRunner.run("/usr/bin/env", ["python3", scriptFile.path, schema.path] + files.map(\.path))
        if result.status != 0 && result.stdout.isEmpty { return ["validator failed: \(result.stderr)"] }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Fails the test with the schema's complaints, if any.
    static func assertValid(_ files: [URL], file: StaticString = #filePath, line: UInt = #line) throws {
        let problems = try problems(files)
        XCTAssertTrue(problems.isEmpty, problems.prefix(20).joined(separator: "\n"), file: file, line: line)
    }
}
