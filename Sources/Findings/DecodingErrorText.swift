/// A `DecodingError` as a user reads it: the JSON path it is about (`$.findings[3].status`)
/// and what was wrong there.
public enum DecodingErrorText {
    public static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(name(of: type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `$`, `.key` for keys, `[n]` for array positions.
    public static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("$") { text, key in key.intValue.map { "\(text)[\($0)]" } ?? "\(text).\(key.stringValue)" }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        default: return type is any Collection.Type ? "an array" : "an object"
        }
    }
}
