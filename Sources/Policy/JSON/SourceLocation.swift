/// A position in a source document: 1-based line and column (columns count
/// Unicode scalars) plus the 0-based UTF-8 byte offset.
public struct SourcePosition: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)
}

/// One step in a JSON path: an object key or an array index.
public enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// A JSON path such as `$.Statement[0].Condition.StringEquals`, used to point
/// diagnostics and findings at the element they are about.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public var components: [JSONPathComponent]

    public init(_ components: [JSONPathComponent] = []) { self.components = components }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    /// `$`, then `.Key` for plain keys, `['odd key']` for keys that are not identifiers, `[n]` for indices.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                let isPlain = !key.isEmpty && key.unicodeScalars.allSatisfy {
                    ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == ":" || $0 == "-")
                        && $0 != "."
                }
                if isPlain {
                    text += ".\(key)"
                } else {
                    text += "['" + key.replacingOccurrences(of: "'", with: "\\'") + "']"
                }
            }
        }
        return text
    }
}

/// Where an element of a policy came from: its JSON path and, when the document
/// was parsed from text, its line and column.
public struct SourceLocation: Hashable, Sendable {
    public var path: JSONPath
    public var position: SourcePosition?

    public init(path: JSONPath, position: SourcePosition? = nil) {
        self.path = path
        self.position = position
    }

    public static let document = SourceLocation(path: .root, position: nil)
}
