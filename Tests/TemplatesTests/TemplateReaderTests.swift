import Policy
@testable import Templates
import XCTest

/// CloudFormation's two formats read into one tree, with YAML's short-form tags as their long
/// forms and positions that point into the file.
final class TemplateReaderTests: XCTestCase {
    func testShortFormTagsBecomeLongFormsWithTheirPositions() throws {
        let yaml = """
            Resources:
              R:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref B
                  Arn: !GetAtt B.Arn
                  Either: !If [C, !Sub "x-${B}", y]
            """
        let root = try YAMLTemplateReader.read(yaml).root
        let properties = try XCTUnwrap(root.members?.first?.value.members?.first?.value.members?.first { $0.key == "Properties" }?.value.members)
        XCTAssertEqual(properties[0].value.members?.first?.key, "Ref")
        XCTAssertEqual(properties[0].value.members?.first?.value.stringValue, "B")
        XCTAssertEqual(properties[0].value.position.line, 5)
        XCTAssertEqual(properties[1].value.members?.first?.key, "Fn::GetAtt")
        let either = try XCTUnwrap(properties[2].value.members?.first)
        XCTAssertEqual(either.key, "Fn::If")
        XCTAssertEqual(either.value.elements?[1].members?.first?.key, "Fn::Sub")
    }

    /// `Version: 2012-10-17` unquoted is a YAML timestamp; the policy reader needs the string.
    func testPlainScalarsKeepTheirTextAndTypes() throws {
        let root = try YAMLTemplateReader.read("A: 2012-10-17\nB: true\nC: 42\nD: '042'\nE: null\n").root
        let values = try XCTUnwrap(root.members).map(\.value.kind)
        guard case .string("2012-10-17") = values[0], case .bool(true) = values[1], case .number("42") = values[2],
              case .string("042") = values[3], case .null = values[4] else {
            return XCTFail("\(values)")
        }
    }

    func testMalformedTemplatesAreDiagnosedWithAPosition() {
        let (yamlTemplate, yamlDiagnostics) = CloudFormationTemplate.read(bytes: Array("Resources:\n  R: [unclosed\n".utf8), file: "bad.yaml")
        XCTAssertNil(yamlTemplate)
        XCTAssertEqual(yamlDiagnostics.first?.file, "bad.yaml")
        XCTAssertNotNil(yamlDiagnostics.first?.position)
        let (jsonTemplate, jsonDiagnostics) = CloudFormationTemplate.read(bytes: Array("{\"Resources\": {\"R\": }}".utf8), file: "bad.json")
        XCTAssertNil(jsonTemplate)
        XCTAssertEqual(jsonDiagnostics.first?.position?.line, 1)
        // A resource without a Type is reported; the others are still read.
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array("Resources:\n  A: {Properties: {}}\n  B: {Type: AWS::S3::Bucket}\n".utf8), file: "t.yaml")
        XCTAssertEqual(template?.resources.map(\.logicalID), ["B"])
        XCTAssertEqual(diagnostics.map(\.path.description), ["$.Resources.A"])
        XCTAssertEqual(diagnostics.first?.position?.line, 2)
    }

    /// CloudFormation's documentation says it does not support YAML aliases (AWS CloudFormation
    /// User Guide, "Template formats"): an alias is read as YAML defines it (its anchor's value,
    /// which is what the template means if it deploys) with a warning at the anchor; an alias
    /// bomb (aliases of aliases, expanding exponentially) is an error, not a hang.
    func testAYAMLAliasIsReadAsItsAnchorWithAWarningAndABombIsAnError() throws {
        let aliased = "Resources:\n  A: &bucket {Type: AWS::S3::Bucket}\n  B: *bucket\n"
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array(aliased.utf8), file: "t.yaml")
        XCTAssertEqual(template?.resources.map(\.logicalID), ["A", "B"])
        XCTAssertEqual(template?.resources.map(\.type), ["AWS::S3::Bucket", "AWS::S3::Bucket"])
        XCTAssertEqual(diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(diagnostics.first?.position?.line, 2)
        XCTAssertTrue(diagnostics.first?.message.contains("does not support YAML aliases") == true, "\(diagnostics)")

        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        bomb += "Resources: {}\n"
        let (exploded, problems) = CloudFormationTemplate.read(bytes: Array(bomb.utf8), file: "bomb.yaml")
        XCTAssertNil(exploded)
        XCTAssertTrue(problems.first?.message.contains("aliases expand") == true, "\(problems)")
    }
}
