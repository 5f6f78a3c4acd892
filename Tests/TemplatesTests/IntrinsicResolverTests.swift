import Policy
@testable import Templates
import XCTest

/// Intrinsic functions resolved as the CloudFormation template reference defines them, and
/// values it does not determine kept unknown with their cause. Expectations worked out by hand
/// from "Intrinsic function reference" and each type's "Return values".
final class IntrinsicResolverTests: XCTestCase {
    private func template(_ text: String) throws -> CloudFormationTemplate {
        let (template, diagnostics) = CloudFormationTemplate.read(bytes: Array(text.utf8), file: "t.yaml")
        XCTAssertEqual(diagnostics.map(\.description), [])
        return try XCTUnwrap(template)
    }

    /// Resolves the `Properties.Value` of resource `R`.
    private func value(_ text: String, context: DeploymentContext = DeploymentContext(account: "111122223333", region: "us-east-1")) throws -> TemplateValue? {
        let template = try template(text)
        let resolver = IntrinsicResolver(template: template, context: context)
        let resource = try XCTUnwrap(template.resource("R"))
        let raw = try XCTUnwrap(resource.properties?.members?.first { $0.key == "Value" }?.value)
        return resolver.resolveValue(raw, path: resource.path)
    }

    private func identity(_ value: TemplateValue?) -> String? { value?.textParts.map(TextPart.identity) }

    private let header = """
        Parameters:
          WithDefault: {Type: String, Default: dflt}
          NoDefault: {Type: String}
          Names: {Type: CommaDelimitedList, Default: "a, b,c"}
        Conditions:
          IsDefault: !Equals [!Ref WithDefault, dflt]
          NotDefault: !Not [!Condition IsDefault]
          Unknowable: !Equals [!Ref NoDefault, x]
          EitherWay: !Or [!Condition IsDefault, !Condition Unknowable]
        Mappings:
          Regions: {us-east-1: {Bucket: east-bucket}}
        Resources:
          Named: {Type: AWS::S3::Bucket, Properties: {BucketName: named-bucket}}
          Unnamed: {Type: AWS::S3::Bucket}
          Role: {Type: AWS::IAM::Role, Properties: {RoleName: deployer, Path: /ci/}}
          Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}

        """

    func testParametersResolveToGivenValuesThenDefaultsElseStayUnknown() throws {
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Ref WithDefault}}")), "dflt")
        let given = DeploymentContext(account: "111122223333", parameters: ["WithDefault": "given", "NoDefault": "n"])
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Ref WithDefault}}", context: given)), "given")
        let unknown = try XCTUnwrap(try value(header + "  R: {Type: X, Properties: {Value: !Ref NoDefault}}"))
        XCTAssertEqual(unknown.unknowns.map(\.reason), ["parameter NoDefault (no default; give it with --parameter NoDefault=VALUE)"])
        // CommaDelimitedList: split at commas, spaces around items trimmed.
        let list = try XCTUnwrap(try value(header + "  R: {Type: X, Properties: {Value: !Ref Names}}")?.elements)
        XCTAssertEqual(list.compactMap(\.stringValue), ["a", "b", "c"])
    }

    func testSubJoinSelectSplitAndPseudoParameters() throws {
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}}")),
                       "arn:aws:iam::111122223333:root")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Sub ['${A}-${!Literal}', {A: !Ref WithDefault}]}}")),
                       "dflt-${Literal}")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Join [':', [a, !Ref WithDefault, c]]}}")), "a:dflt:c")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Select [1, !Split [',', 'x,y,z']]}}")), "y")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !FindInMap [Regions, !Ref 'AWS::Region', Bucket]}}")), "east-bucket")
        // No region given: AWS::Region is unknown, and so is a Sub that uses it.
        let noRegion = try XCTUnwrap(try value(header + "  R: {Type: X, Properties: {Value: !Sub 'logs.${AWS::Region}.amazonaws.com'}}",
                                               context: DeploymentContext(account: "111122223333")))
        XCTAssertEqual(identity(noRegion), "logs.${AWS::Region (give it with --region)}.amazonaws.com")
    }

    /// "Return values" of AWS::S3::Bucket (Ref: name; Arn), AWS::IAM::Role (Arn with its Path),
    /// AWS::SQS::Queue (Ref: the URL; Arn).
    func testRefAndGetAttOfResourcesFollowTheirReturnValues() throws {
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !GetAtt Named.Arn}}")), "arn:aws:s3:::named-bucket")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Ref Named}}")), "named-bucket")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Sub '${Role.Arn}'}}")), "arn:aws:iam::111122223333:role/ci/deployer")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !Ref Queue}}")), "https://sqs.us-east-1.amazonaws.com/111122223333/jobs")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !GetAtt [Queue, Arn]}}")), "arn:aws:sqs:us-east-1:111122223333:jobs")
        // A bucket without BucketName gets a name at deploy time: unknown, never guessed.
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !GetAtt Unnamed.Arn}}")),
                       "arn:aws:s3:::${the name CloudFormation generates for Unnamed (AWS::S3::Bucket) at deploy time}")
        XCTAssertEqual(try value(header + "  R: {Type: X, Properties: {Value: !ImportValue shared-vpc}}")?.unknowns.map(\.reason),
                       ["Fn::ImportValue shared-vpc, exported by another stack"])
    }

    func testConditionsDecideFnIfAndNoValueLeavesAMemberOut() throws {
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !If [IsDefault, yes-branch, no-branch]}}")), "yes-branch")
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !If [NotDefault, yes-branch, no-branch]}}")), "no-branch")
        // Or(true, unknown) is true; an If on an unknown condition is unknown.
        XCTAssertEqual(identity(try value(header + "  R: {Type: X, Properties: {Value: !If [EitherWay, yes-branch, no-branch]}}")), "yes-branch")
        XCTAssertEqual(try value(header + "  R: {Type: X, Properties: {Value: !If [Unknowable, a, b]}}")?.unknowns.count, 1)
        let object = try XCTUnwrap(try value(header + "  R: {Type: X, Properties: {Value: {Kept: 1, Dropped: !Ref 'AWS::NoValue'}}}"))
        XCTAssertNotNil(object.member("Kept"))
        XCTAssertNil(object.member("Dropped"))
        XCTAssertNil(try value(header + "  R: {Type: X, Properties: {Value: !If [IsDefault, !Ref 'AWS::NoValue', x]}}"))
    }

    func testMalformedIntrinsicsAreDiagnosedWithTheirPath() throws {
        let template = try template(header + "  R: {Type: X, Properties: {Value: !GetAtt Missing.Arn}}")
        let resolver = IntrinsicResolver(template: template, context: DeploymentContext())
        let resource = try XCTUnwrap(template.resource("R"))
        let raw = try XCTUnwrap(resource.properties?.members?.first?.value)
        let resolved = resolver.resolveValue(raw, path: resource.path.appending("Properties").appending("Value"))
        XCTAssertEqual(resolved?.unknowns.count, 1)
        let diagnostic = try XCTUnwrap(resolver.diagnostics.first)
        XCTAssertEqual(diagnostic.path.description, "$.Resources.R.Properties.Value.Fn::GetAtt")
        XCTAssertEqual(diagnostic.position?.line, 17)
        XCTAssertTrue(diagnostic.message.contains("Missing"), diagnostic.message)
    }

    /// `Fn::Cidr`: the page's example, `["192.168.0.0/24", 6, 5]` → six /27 blocks from
    /// 192.168.0.0; numbers given as strings too. IPv6 blocks, blocks with host bits set and
    /// blocks that do not fit stay unknown.
    func testCidrComputesIPv4NetworkBlocksAndLeavesTheRestUnknown() throws {
        let computed = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: !Cidr [192.168.0.0/24, 6, 5]}}\n")
        XCTAssertEqual(computed?.elements?.compactMap(\.stringValue),
                       ["192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27", "192.168.0.128/27", "192.168.0.160/27"])
        let strings = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: {\"Fn::Cidr\": [\"10.0.0.0/16\", \"2\", \"8\"]}}}\n")
        XCTAssertEqual(strings?.elements?.compactMap(\.stringValue), ["10.0.0.0/24", "10.0.1.0/24"])
        for arguments in ["[\"2001:db8::/56\", 2, 64]", "[10.0.0.5/24, 2, 4]", "[10.0.0.0/24, 32, 4]", "[!Ref NoDefault, 2, 4]"] {
            let unknown = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: !Cidr \(arguments)}}\n")
            guard case .unknown(let reason)? = unknown?.kind else { return XCTFail("\(arguments): \(String(describing: unknown?.kind))") }
            XCTAssertTrue(reason.reason.hasPrefix("Fn::Cidr"), reason.reason)
        }
    }

    /// `Fn::ToJsonString` of a known object is its compact JSON (the page's example,
    /// `{"key1":"value1","key2":"resolvedValue"}`); an array, or an object with an unknown part,
    /// stays unknown. `Fn::GetAZs` is the account's: unknown.
    func testToJsonStringOfAKnownObjectAndGetAZsUnknown() throws {
        let object = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: {\"Fn::ToJsonString\": {key1: value1, key2: !Ref WithDefault, n: [1, true, null]}}}}\n")
        XCTAssertEqual(object?.stringValue, #"{"key1":"value1","key2":"dflt","n":[1,true,null]}"#)
        for argument in ["[a, b]", "{key: !Ref NoDefault}"] {
            let unknown = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: {\"Fn::ToJsonString\": \(argument)}}}\n")
            guard case .unknown(let reason)? = unknown?.kind else { return XCTFail(argument) }
            XCTAssertTrue(reason.reason.hasPrefix("Fn::ToJsonString"), reason.reason)
        }
        let zones = try value(header + "  R: {Type: X::Y::Z, Properties: {Value: !Select [0, !GetAZs \"\"]}}\n")
        XCTAssertEqual(zones?.unknowns.first?.reason.contains("Fn::Select over a value known only at deploy time"), true, "\(String(describing: zones?.unknowns))")
    }
}
