import Environment
import Policy

/// `Fn::ToJsonString` (with the `AWS::LanguageExtensions` transform): an object converted to its
/// JSON string, compact as the function's page shows it (`{"key1":"value1","key2":"resolvedValue"}`,
/// "Fn::ToJsonString",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html).
///
/// Only a fully known object is converted. An array is not: the page's array example gives
/// `[{"key1":"value1"},{"key2":"resolvedValue"}]` for `[{key1: value1, key2: …}]`, which is not
/// the array's plain serialization, so the text CloudFormation produces for arrays is not
/// settled by its documentation; such a value stays unknown, as does one with unknown parts.
enum ToJsonStringFunction {
    static func string(of value: TemplateValue) -> String? {
        guard case .object = value.kind, let json = value.json else { return nil }
        return JSONValueWriter.writeCompact(json)
    }
}
